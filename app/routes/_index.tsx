import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { metaCatalogue, useLocalFormat } from '#app/components/format';
import { homeFigures } from '#app/models/stats.server';

export async function loader({ context }: LoaderFunctionArgs) {
  return { figures: await homeFigures(context.db) };
}

export default function Home() {
  const { figures } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const { number } = useLocalFormat();
  const shown = [
    ['activePoles', figures.activePoles],
    ['regionsWithPoles', figures.regionsWithPoles],
    ['members', figures.members],
    ['verifiedPoles', figures.verifiedPoles],
  ] as const;
  return (
    <div className="space-y-10">
      <section aria-labelledby="home-title" className="max-w-3xl space-y-4">
        <h1 id="home-title" className="text-4xl font-bold text-brand-800">
          {t('poles.home.title')}
        </h1>
        <p className="text-xl text-gray-900">{t('poles.home.tagline')}</p>
        <p className="text-gray-900">{t('poles.home.intro1')}</p>
        <p className="text-gray-900">{t('poles.home.intro2')}</p>
        <p className="text-gray-900">{t('poles.home.intro3')}</p>
      </section>

      <section aria-labelledby="figures-title" className="space-y-4">
        <h2 id="figures-title" className="text-2xl font-semibold">
          {t('poles.home.figuresTitle')}
        </h2>
        <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          {shown.map(([key, value]) => (
            <div key={key} className="flex flex-col-reverse rounded-lg border border-gray-300 bg-brand-50 p-4">
              <dt className="text-gray-900">{t(`poles.home.figures.${key}`)}</dt>
              <dd className="text-4xl font-bold text-brand-800">{number(value)}</dd>
            </div>
          ))}
        </dl>
        <p className="text-sm text-gray-700">
          {t('poles.home.figuresNote')}
          {figures.fictionalPoles > 0 ? ` ${t('poles.home.fictionalNote', { count: figures.fictionalPoles })}` : null}
        </p>
      </section>

      <p>
        <Link
          to="/poles"
          className="inline-block rounded bg-brand-700 px-5 py-3 font-semibold text-white no-underline hover:bg-brand-800 focus-visible:outline focus-visible:outline-4 focus-visible:outline-offset-2 focus-visible:outline-amber-500"
        >
          {t('poles.home.browse')}
        </Link>
      </p>
    </div>
  );
}

export const meta: MetaFunction = ({ matches }) => {
  const catalogue = metaCatalogue(matches);
  return [{ title: catalogue.poles.home.metaTitle }, { name: 'description', content: catalogue.meta.description }];
};
