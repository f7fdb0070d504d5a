import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { metaCatalogue, useLocalFormat } from '#app/components/format';
import { BodyContact } from '#app/components/joining/body-contact';
import { applyPath } from '#app/components/joining/how-to-join';
import { Card } from '#app/components/ui';
import { listCoordinations } from '#app/models/regional-bodies.server';

/**
 * The public page of the regional coordinations: every region, the body that coordinates it with its
 * public contact and its coordinators' names, its number of poles, and « Inscrire mon pôle » for it.
 */

export async function loader({ context }: LoaderFunctionArgs) {
  return { regions: await listCoordinations(context.db) };
}

export default function Coordinations() {
  const { regions } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const { localName } = useLocalFormat();
  return (
    <div className="space-y-6">
      <div className="max-w-3xl space-y-2">
        <h1 className="text-3xl font-bold">{t('joining.coordinations.title')}</h1>
        <p className="text-gray-700">{t('joining.coordinations.intro')}</p>
      </div>
      <ul className="grid gap-4 md:grid-cols-2">
        {regions.map((region) => {
          const name = localName(region);
          return (
            <Card as="li" key={region.code} className="flex flex-col gap-3">
              <h2 id={`region-${region.code}`} className="text-xl font-semibold">
                {name}
              </h2>
              <p>
                <Link to={`/poles?region=${region.code}`} className="text-brand-800 underline">
                  {t('joining.coordinations.poles', { count: region.poleCount })}
                </Link>
              </p>
              {region.body ? (
                <>
                  <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
                    <dt className="font-medium text-gray-900">{t('joining.coordinations.body')}</dt>
                    <dd>{region.body.name}</dd>
                    <dt className="font-medium text-gray-900">{t('joining.coordinations.coordinators')}</dt>
                    <dd>{region.coordinators.length > 0 ? region.coordinators.join(', ') : t('joining.coordinations.noCoordinators')}</dd>
                  </dl>
                  <BodyContact body={region.body} />
                </>
              ) : (
                <p className="text-gray-800">{t('joining.coordinations.noBody')}</p>
              )}
              <p className="mt-auto">
                <Link to={applyPath(region.code)} aria-describedby={`region-${region.code}`} className="font-semibold text-brand-800 underline">
                  {t('joining.coordinations.apply')}
                </Link>
              </p>
            </Card>
          );
        })}
      </ul>
    </div>
  );
}

export const meta: MetaFunction = ({ matches }) => [{ title: metaCatalogue(matches).joining.coordinations.metaTitle }];
