import { useTranslation } from 'react-i18next';
import { useLocalFormat } from '#app/components/format';
import { Figure } from '#app/components/ui';
import type { ActivityFigures, HomeFigures } from '#app/models/stats.server';

type Shown = { key: string; value: number; label: string; to?: string };

/**
 * The programme in figures, phrased so that a young programme is not discouraging: a figure is a
 * count of what exists, with « dont … » for what is recent or under way, and a figure that is zero
 * is never shown as « 0 »: it is left out (the page's list of the same things says, when empty,
 * how to be the first).
 */
export function HomeFigureList({ figures, activity }: { figures: HomeFigures; activity: ActivityFigures }) {
  const { t } = useTranslation();
  const { number } = useLocalFormat();
  const withPart = (base: string, part: string | null) => (part ? `${base}${t('poles.home.figures.partSeparator')}${part}` : base);
  const candidates: Shown[] = [
    {
      key: 'activePoles',
      value: figures.activePoles,
      label: withPart(
        t('poles.home.figures.activePoles', { count: figures.activePoles }),
        figures.regionsWithPoles > 0 ? t('poles.home.figures.inRegions', { count: figures.regionsWithPoles }) : null,
      ),
      to: '/poles',
    },
    { key: 'verifiedPoles', value: figures.verifiedPoles, label: t('poles.home.figures.verifiedPoles', { count: figures.verifiedPoles }) },
    { key: 'members', value: figures.members, label: t('poles.home.figures.members', { count: figures.members }) },
    {
      key: 'offers',
      value: activity.offers.published,
      label: withPart(
        t('poles.home.figures.offers', { count: activity.offers.published }),
        activity.offers.thisYear > 0 ? t('poles.home.figures.thisYear', { count: activity.offers.thisYear }) : null,
      ),
      to: '/offres',
    },
    { key: 'requests', value: activity.openRequests, label: t('poles.home.figures.requests', { count: activity.openRequests }), to: '/demandes' },
    {
      key: 'visits',
      value: activity.visits.scheduled,
      label: withPart(
        t('poles.home.figures.visits', { count: activity.visits.scheduled }),
        activity.visits.upcoming > 0 ? t('poles.home.figures.upcoming', { count: activity.visits.upcoming }) : null,
      ),
      to: '/visites',
    },
    {
      key: 'twinnings',
      value: activity.twinnings.started,
      label: withPart(
        t('poles.home.figures.twinnings', { count: activity.twinnings.started }),
        activity.twinnings.active > 0 ? t('poles.home.figures.underWay', { count: activity.twinnings.active }) : null,
      ),
    },
  ];
  const shown = candidates.filter((figure) => figure.value > 0);
  return (
    <section aria-labelledby="figures-title" className="space-y-4">
      <h2 id="figures-title" className="text-2xl font-semibold">
        {t('poles.home.figuresTitle')}
      </h2>
      {shown.length > 0 ? (
        <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4" data-testid="home-figures">
          {shown.map((figure) => (
            <Figure key={figure.key} label={figure.label} value={number(figure.value)} to={figure.to} />
          ))}
        </dl>
      ) : null}
      <p className="text-sm text-gray-700">
        {t('poles.home.figuresNote')}
        {figures.fictionalPoles > 0 ? ` ${t('poles.home.fictionalNote', { count: figures.fictionalPoles })}` : null}
      </p>
    </section>
  );
}
