import { Link } from '@remix-run/react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ItemCards, type CardItem, type CardKind } from '#app/components/market/item-card';
import { PoleTag } from '#app/components/poles/pole-tag';
import { TwinningFacts, type ShownTwinning } from '#app/components/poles/pole-twinnings';
import { VisitListItem, type VisitItem } from '#app/components/visits/visit-list-items';

/** A section of the home page: its title, its list (or what to do when it is empty), and « see all ». */
export function HomeSection({ id, title, all, children }: { id: string; title: string; all?: { to: string; label: string }; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <h2 id={id} className="text-2xl font-semibold">
          {title}
        </h2>
        {all ? (
          <Link to={all.to} className="font-semibold text-brand-800 underline">
            {all.label}
          </Link>
        ) : null}
      </div>
      {children}
    </section>
  );
}

/** The latest offers or requests: title, pole (logo and name), region, date, topics. */
export function ItemList({ kind, items, empty }: { kind: CardKind; items: CardItem[]; empty: ReactNode }) {
  if (items.length === 0) return <>{empty}</>;
  return <ItemCards kind={kind} items={items} showPole />;
}

export function VisitCards({ visits, empty }: { visits: VisitItem[]; empty: ReactNode }) {
  if (visits.length === 0) return <>{empty}</>;
  return (
    <ul className="grid gap-4 md:grid-cols-2">
      {visits.map((visit) => (
        <li key={visit.id}>
          <VisitListItem visit={visit} />
        </li>
      ))}
    </ul>
  );
}

/** Twinnings under way that both poles agreed to show, by name; the others as a count only. */
export function TwinningList({ shown, unnamed, empty }: { shown: ShownTwinning[]; unnamed: number; empty: ReactNode }) {
  const { t } = useTranslation();
  if (shown.length === 0 && unnamed === 0) return <>{empty}</>;
  return (
    <div className="space-y-3">
      {shown.length > 0 ? (
        <ul className="grid gap-4 md:grid-cols-2">
          {shown.map((twinning) => (
            <li key={twinning.id} className="space-y-2 rounded-lg border border-gray-300 bg-white p-3 shadow-sm">
              <p className="flex flex-wrap items-center gap-x-2 gap-y-1">
                <PoleTag pole={twinning.mentor} className="font-semibold" />
                <span className="text-gray-700">{t('poles.home.twinnings.mentors')}</span>
                <PoleTag pole={twinning.mentee} className="font-semibold" />
              </p>
              <TwinningFacts twinning={twinning} />
            </li>
          ))}
        </ul>
      ) : null}
      {unnamed > 0 ? (
        <p className="text-gray-900" data-testid="unnamed-twinnings">
          {shown.length > 0 ? t('poles.home.twinnings.others', { count: unnamed }) : t('poles.home.twinnings.onlyCount', { count: unnamed })}
        </p>
      ) : null}
    </div>
  );
}
