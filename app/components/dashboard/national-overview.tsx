import type { SerializeFrom } from '@remix-run/node';
import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { useLocalFormat } from '#app/components/format';
import { Card, Figure } from '#app/components/ui';
import { backlogKinds } from '#app/domain/dashboard/rules';
import type { NationalDesk, NationalFigures } from '#app/models/dashboard.server';
import type { BacklogLinks } from './region-backlog';

const figureKeys = [
  'activePoles',
  'verifiedPoles',
  'regionsWithPoles',
  'members',
  'publishedOffers',
  'listedRequests',
  'activeTwinnings',
  'completedTwinnings',
  'upcomingVisits',
] as const satisfies readonly (keyof NationalFigures)[];

/** The national council's view: the programme's figures, then each region's backlog as a card (a phone stacks them). */
export function NationalOverview({ national, linksOf }: { national: SerializeFrom<NationalDesk>; linksOf: (regionCode: string) => BacklogLinks }) {
  const { t } = useTranslation();
  const { localName, number } = useLocalFormat();
  return (
    <section id="national" aria-labelledby="national-titre" className="space-y-6 rounded-lg border border-gray-300 bg-gray-50 p-4 sm:p-6">
      <div className="space-y-1">
        <h2 id="national-titre" className="text-2xl font-semibold">
          {t('dashboard.national.title')}
        </h2>
        <p className="text-gray-700">{t('dashboard.national.intro')}</p>
      </div>
      <dl aria-label={t('dashboard.national.figures.label')} className="grid grid-cols-2 gap-3 md:grid-cols-3 lg:grid-cols-5">
        {figureKeys.map((key) => (
          <Figure key={key} label={t(`dashboard.national.figures.${key}`)} value={number(national.figures[key])} />
        ))}
      </dl>
      {national.figures.fictionalPoles > 0 ? (
        <p className="text-sm text-gray-700">{t('dashboard.national.fictionalLeftOut', { count: national.figures.fictionalPoles })}</p>
      ) : null}
      <section aria-labelledby="national-regions" className="space-y-3">
        <h3 id="national-regions" className="text-xl font-semibold">
          {t('dashboard.national.regionsTitle')}
        </h3>
        <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {national.regions.map((region) => {
            const links = linksOf(region.code);
            return (
              <Card as="li" key={region.code} className="min-w-0 space-y-2">
                <h4 className="font-semibold">
                  {links.desk ? (
                    <Link to={links.desk} className="text-brand-800 underline">
                      {localName(region)}
                    </Link>
                  ) : (
                    localName(region)
                  )}{' '}
                  <span className="font-normal text-gray-700">({t('dashboard.national.poleCount', { count: region.poleCount })})</span>
                </h4>
                <dl aria-label={t('dashboard.national.backlogLabel', { region: localName(region) })} className="space-y-1 text-sm">
                  {backlogKinds.map((kind) => {
                    const total = region.backlog[kind].total;
                    const to = links[kind];
                    return (
                      <div key={kind} className="flex justify-between gap-2">
                        <dt>{t(`dashboard.coordination.lists.${kind}`)}</dt>
                        <dd className="font-semibold">
                          {to && total > 0 ? (
                            <Link to={to} className="text-brand-800 underline">
                              {number(total)}
                            </Link>
                          ) : (
                            number(total)
                          )}
                        </dd>
                      </div>
                    );
                  })}
                </dl>
              </Card>
            );
          })}
        </ul>
        {national.nationalReports > 0 ? <p>{t('dashboard.national.nationalReports', { count: national.nationalReports })}</p> : null}
      </section>
    </section>
  );
}
