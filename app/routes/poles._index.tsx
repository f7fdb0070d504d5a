import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { PoleMap, poleMapLinks } from '#app/components/map/pole-map';
import { DirectoryFilterForm } from '#app/components/poles/directory-filters';
import { metaCatalogue } from '#app/components/format';
import { Pagination } from '#app/components/poles/pagination';
import { PoleCard } from '#app/components/poles/pole-card';
import { directoryQuerySchema, loadDirectory } from '#app/models/poles.server';
import { redirectWithoutEmptyParams } from '#app/utils/search-params.server';

export async function loader({ request, context }: LoaderFunctionArgs) {
  redirectWithoutEmptyParams(request);
  const query = directoryQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return loadDirectory(context.db, query);
}

export const links: LinksFunction = () => poleMapLinks;

export default function Directory() {
  const { filters, options, total, page, pageCount, poles, mapPoles } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="space-y-6">
      <div className="max-w-3xl space-y-2">
        <h1 className="text-3xl font-bold">{t('poles.directory.title')}</h1>
        <p className="text-gray-700">{t('poles.directory.intro')}</p>
      </div>
      <DirectoryFilterForm filters={filters} regions={options.regions} sectors={options.sectors} />
      <section aria-labelledby="directory-results">
        <div aria-live="polite">
          <h2 id="directory-results" className="text-xl font-semibold">
            {t('poles.directory.count', { count: total })}
          </h2>
        </div>
        {/* The list first (on a phone, the results start on the first screen), the map beside it on a wide one. */}
        {total > 0 ? (
          <div className="mt-4 grid gap-6 lg:grid-cols-3">
            <ul className="grid content-start gap-4 sm:grid-cols-2 lg:col-span-2">
              {poles.map((pole) => (
                <li key={pole.id}>
                  <PoleCard pole={pole} />
                </li>
              ))}
            </ul>
            <div className="lg:sticky lg:top-4 lg:self-start">
              <PoleMap poles={mapPoles} label={t('profile.map.directoryLabel')} />
            </div>
          </div>
        ) : null}
        <Pagination page={page} pageCount={pageCount} />
      </section>
    </div>
  );
}

export const meta: MetaFunction = ({ matches }) => [{ title: metaCatalogue(matches).poles.directory.metaTitle }];
