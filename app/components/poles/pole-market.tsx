import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { useLocalFormat } from '#app/components/format';
import { RequestStateBadge } from '#app/components/market/badges';
import { ButtonLink, EmptyState } from '#app/components/ui';
import type { RequestState } from '#app/domain/market/rules';
import { offerPath, requestPath } from '#app/domain/paths';

type Item = { id: string; title: string; at: Date | string; topics: { slug: string; name: string; nameEn: string }[] };

/** The pole's published offers and its requests still looking for help, side by side on a wide screen. */
export function PoleMarket({
  offers,
  requests,
  canPublish,
}: {
  offers: Item[];
  requests: (Item & { state: RequestState })[];
  /** A member of the pole: the empty lists offer to publish. */
  canPublish: boolean;
}) {
  const { t } = useTranslation();
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <section aria-labelledby="pole-offers" className="space-y-3">
        <h2 id="pole-offers" className="text-2xl font-semibold">
          {t('poles.profile.offersTitle')}
        </h2>
        {offers.length > 0 ? (
          <MarketList items={offers} path={offerPath} dateKey="poles.profile.publishedOn" />
        ) : (
          <EmptyState
            action={
              <ButtonLink to={canPublish ? '/offres/nouvelle' : '/offres'} variant="secondary" size="sm">
                {canPublish ? t('poles.profile.publishOffer') : t('poles.profile.allOffers')}
              </ButtonLink>
            }
          >
            {t('poles.profile.noOffers')}
          </EmptyState>
        )}
      </section>
      <section aria-labelledby="pole-requests" className="space-y-3">
        <h2 id="pole-requests" className="text-2xl font-semibold">
          {t('poles.profile.requestsTitle')}
        </h2>
        {requests.length > 0 ? (
          <MarketList items={requests} path={requestPath} dateKey="poles.profile.openedOn" />
        ) : (
          <EmptyState
            action={
              <ButtonLink to={canPublish ? '/demandes/nouvelle' : '/demandes'} variant="secondary" size="sm">
                {canPublish ? t('poles.profile.publishRequest') : t('poles.profile.allRequests')}
              </ButtonLink>
            }
          >
            {t('poles.profile.noRequests')}
          </EmptyState>
        )}
      </section>
    </div>
  );
}

function MarketList<T extends Item & { state?: RequestState }>({
  items,
  path,
  dateKey,
}: {
  items: T[];
  path: (id: string) => string;
  dateKey: 'poles.profile.publishedOn' | 'poles.profile.openedOn';
}) {
  const { t } = useTranslation();
  const { date, localName } = useLocalFormat();
  return (
    <ul className="space-y-3">
      {items.map((item) => (
        <li key={item.id} className="rounded-lg border border-gray-300 bg-white p-3">
          <p className="font-semibold">
            <Link to={path(item.id)} className="text-brand-800 underline">
              {item.title}
            </Link>
          </p>
          <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-gray-700">
            <span>{t(dateKey, { date: date(item.at) })}</span>
            {item.state === 'in_progress' ? <RequestStateBadge state={item.state} /> : null}
          </p>
          {item.topics.length > 0 ? <p className="mt-1 text-sm text-gray-700">{item.topics.map(localName).join(' · ')}</p> : null}
        </li>
      ))}
    </ul>
  );
}
