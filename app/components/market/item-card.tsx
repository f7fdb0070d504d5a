import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { useLocalFormat } from '#app/components/format';
import { RequestStateBadge } from '#app/components/market/badges';
import { PoleTag } from '#app/components/poles/pole-tag';
import { Card } from '#app/components/ui';
import type { RequestState } from '#app/domain/market/rules';
import { offerPath, requestPath } from '#app/domain/paths';
import type { LogoPole } from '#app/components/poles/pole-logo';

type Named = { name: string; nameEn: string };

/** An offer or a request as the short lists show it (the home page's, a pole's page's). */
export type CardItem = {
  id: string;
  title: string;
  /** When the offer was published, or when the request was (re)opened. */
  at: Date | string;
  topics: Named[];
  /** A request's state: « in progress » is said, « open » goes without saying. */
  state?: RequestState;
  pole?: LogoPole;
  region?: Named;
};

export type CardKind = 'offers' | 'requests';

/** What differs between an offer's card and a request's: its address and how its date reads. */
const kinds = {
  offers: { path: offerPath, dateKey: 'poles.profile.publishedOn' },
  requests: { path: requestPath, dateKey: 'poles.profile.openedOn' },
} as const;

/**
 * One offer or request: its title (linked), then, where the list mixes poles (`showPole`), its
 * pole (logo and name) and region, its date, its state when help is already under way, its topics.
 */
export function ItemCard({ kind, item, showPole }: { kind: CardKind; item: CardItem; showPole: boolean }) {
  const { t } = useTranslation();
  const { date, localName } = useLocalFormat();
  const { path, dateKey } = kinds[kind];
  return (
    <Card as="li" className="space-y-1">
      <p className="font-semibold">
        <Link to={path(item.id)} className="text-brand-800 underline">
          {item.title}
        </Link>
      </p>
      <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-gray-700">
        {showPole && item.pole ? <PoleTag pole={item.pole} /> : null}
        {showPole && item.region ? <span>{localName(item.region)}</span> : null}
        <span>{t(dateKey, { date: date(item.at) })}</span>
        {item.state === 'in_progress' ? <RequestStateBadge state={item.state} /> : null}
      </p>
      {item.topics.length > 0 ? <p className="text-sm text-gray-700">{item.topics.map(localName).join(' · ')}</p> : null}
    </Card>
  );
}

/** A short list of offers or requests, as cards. */
export function ItemCards({ kind, items, showPole }: { kind: CardKind; items: readonly CardItem[]; showPole: boolean }) {
  return (
    <ul className="space-y-3">
      {items.map((item) => (
        <ItemCard key={item.id} kind={kind} item={item} showPole={showPole} />
      ))}
    </ul>
  );
}
