import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { metaCatalogue } from '#app/components/format';
import { Pagination } from '#app/components/poles/pagination';
import { countFilters } from '#app/components/search/filter-panel';
import { ButtonLink, EmptyState } from '#app/components/ui';
import { VisitListFilters, VisitViewSwitch } from '#app/components/visits/visit-list-filters';
import { VisitListItem } from '#app/components/visits/visit-list-items';
import { VisitMonth } from '#app/components/visits/visit-list-month';
import { loadVisitList, visitListQuerySchema } from '#app/models/visit-list.server';
import { redirectWithoutEmptyParams } from '#app/utils/search-params.server';

// Public: anyone sees the upcoming visits; booking happens on each visit's page.
export async function loader({ request, context }: LoaderFunctionArgs) {
  redirectWithoutEmptyParams(request);
  const query = visitListQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return loadVisitList(context.db, query);
}

export default function Visits() {
  const { view, filters, options, list, month } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="space-y-6">
      <div className="max-w-3xl space-y-2">
        <h1 className="text-3xl font-bold">{t('calendar.list.title')}</h1>
        <p className="text-gray-700">{t('calendar.list.intro')}</p>
      </div>
      <VisitListFilters filters={filters} options={options} view={view} month={month?.month} />
      <VisitViewSwitch view={view} />
      {month ? <VisitMonth {...month} /> : null}
      {list ? (
        <section aria-labelledby="visit-results">
          <div aria-live="polite">
            <h2 id="visit-results" className="text-xl font-semibold">
              {t('calendar.list.count', { count: list.total })}
            </h2>
          </div>
          {list.visits.length > 0 ? (
            <ul className="mt-4 grid gap-4 md:grid-cols-2">
              {list.visits.map((visit) => (
                <li key={visit.id}>
                  <VisitListItem visit={visit} />
                </li>
              ))}
            </ul>
          ) : (
            <EmptyState
              className="mt-4"
              action={
                countFilters(filters, []) > 0 ? (
                  <ButtonLink to="/visites" variant="secondary">
                    {t('calendar.list.reset')}
                  </ButtonLink>
                ) : null
              }
            >
              {t('calendar.list.empty')}
            </EmptyState>
          )}
          <Pagination page={list.page} pageCount={list.pageCount} />
        </section>
      ) : null}
    </div>
  );
}

export const meta: MetaFunction = ({ matches }) => [{ title: metaCatalogue(matches).calendar.metaTitle }];
