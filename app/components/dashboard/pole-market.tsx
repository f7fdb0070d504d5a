import type { SerializeFrom } from '@remix-run/node';
import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { useLocalFormat } from '#app/components/format';
import { ButtonLink, Card, EmptyState, Pill } from '#app/components/ui';
import { offerQuickActions, requestQuickActions, type QuickAction } from '#app/domain/dashboard/rules';
import { offerChangePublishes, requestChangePublishes, type OfferState, type RequestState } from '#app/domain/market/rules';
import { offerPath, polePath, requestPath } from '#app/domain/paths';
import type { OwnOffer, OwnRequest, RequestSuggestions } from '#app/models/dashboard-poles.server';
import { offerStateTones, QuickActions, requestStateTones, type QuickReply } from './quick-actions';

type Rights = { mayCreate: boolean; mayPublish: boolean };

/** The buttons a pole may use: without the right to publish, those that would make the item public are left out. */
function usable<State extends string>(
  actions: readonly QuickAction<State>[],
  from: State,
  publishes: (from: State, to: State) => boolean,
  mayPublish: boolean,
) {
  return actions.filter((action) => mayPublish || !publishes(from, action.to));
}

type Kind = 'offers' | 'requests';
type OwnItem = SerializeFrom<OwnOffer> | SerializeFrom<OwnRequest>;

/** What differs between the offers' list and the requests': addresses, texts, states and their changes. */
const kinds = {
  offers: {
    newPath: '/offres/nouvelle',
    intent: 'offer-state',
    path: offerPath,
    stateLabel: (state: string) => `market.offerStates.${state}`,
    tone: (state: string) => offerStateTones[state as OfferState],
    actions: (state: string, mayPublish: boolean) =>
      usable<OfferState>(offerQuickActions(state as OfferState), state as OfferState, offerChangePublishes, mayPublish),
  },
  requests: {
    newPath: '/demandes/nouvelle',
    intent: 'request-state',
    path: requestPath,
    stateLabel: (state: string) => `market.requestStates.${state}`,
    tone: (state: string) => requestStateTones[state as RequestState],
    actions: (state: string, mayPublish: boolean) =>
      usable<RequestState>(requestQuickActions(state as RequestState), state as RequestState, requestChangePublishes, mayPublish),
  },
} as const;

/** A pole's offers or requests in every state, each with its state and its one-click changes. */
export function PoleItems({
  kind,
  headingId,
  items,
  rights,
  reply,
}: {
  kind: Kind;
  headingId: string;
  items: OwnItem[];
  rights: Rights;
  reply: QuickReply | undefined;
}) {
  const { t } = useTranslation();
  const { date } = useLocalFormat();
  const { newPath, intent, path, stateLabel, tone, actions } = kinds[kind];
  return (
    <section aria-labelledby={headingId} className="min-w-0 space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 id={headingId} className="text-xl font-semibold">
          {t(`dashboard.${kind}.title`)}
        </h3>
        {items.length > 0 && rights.mayCreate ? (
          <ButtonLink to={newPath} variant="quiet" size="sm">
            {t(`dashboard.${kind}.add`)}
          </ButtonLink>
        ) : null}
      </div>
      {items.length === 0 ? (
        <EmptyState
          action={
            rights.mayCreate ? (
              <ButtonLink to={newPath} size="sm">
                {t(`dashboard.${kind}.emptyAction`)}
              </ButtonLink>
            ) : undefined
          }
        >
          {t(`dashboard.${kind}.empty`)}
        </EmptyState>
      ) : (
        <ul className="space-y-3">
          {items.map((item) => (
            <Card as="li" key={item.id} className="space-y-2">
              <p className="flex flex-wrap items-center gap-2">
                <Link to={path(item.id)} className="font-semibold text-brand-800 underline">
                  {item.title}
                </Link>
                <Pill tone={tone(item.state)}>{t(stateLabel(item.state))}</Pill>
              </p>
              <p className="text-sm text-gray-700">{t(`dashboard.${kind}.updated`, { date: date(item.updatedAt) })}</p>
              <QuickActions intent={intent} itemId={item.id} title={item.title} actions={actions(item.state, rights.mayPublish)} reply={reply} />
            </Card>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Published offers of other poles that share topics with the pole's open requests, and why. */
export function PoleSuggestions({
  headingId,
  suggestions,
  hasOpenRequest,
  mayCreateRequest,
}: {
  headingId: string;
  suggestions: SerializeFrom<RequestSuggestions>[];
  hasOpenRequest: boolean;
  mayCreateRequest: boolean;
}) {
  const { t } = useTranslation();
  const { localName } = useLocalFormat();
  return (
    <section aria-labelledby={headingId} className="space-y-3">
      <h3 id={headingId} className="text-xl font-semibold">
        {t('dashboard.suggestions.title')}
      </h3>
      {suggestions.length === 0 ? (
        hasOpenRequest ? (
          <EmptyState
            action={
              <ButtonLink to="/offres" variant="secondary" size="sm">
                {t('dashboard.suggestions.noneAction')}
              </ButtonLink>
            }
          >
            {t('dashboard.suggestions.none')}
          </EmptyState>
        ) : (
          <EmptyState
            action={
              mayCreateRequest ? (
                <ButtonLink to="/demandes/nouvelle" variant="secondary" size="sm">
                  {t('dashboard.requests.emptyAction')}
                </ButtonLink>
              ) : undefined
            }
          >
            {t('dashboard.suggestions.noRequest')}
          </EmptyState>
        )
      ) : (
        <ul className="space-y-4">
          {suggestions.map((item) => (
            <li key={item.request.id} className="space-y-2">
              <p className="font-semibold">{t('dashboard.suggestions.forRequest', { title: item.request.title })}</p>
              <ul className="grid gap-3 md:grid-cols-3">
                {item.offers.map((offer) => (
                  <Card as="li" key={offer.id} className="min-w-0 space-y-1">
                    <Link to={offerPath(offer.id)} className="font-semibold text-brand-800 underline">
                      {offer.title}
                    </Link>
                    <p className="text-sm">
                      <Link to={polePath(offer.pole.slug)} className="text-brand-800 underline">
                        {t('dashboard.suggestions.by', { pole: offer.pole.name })}
                      </Link>
                    </p>
                    <p className="text-sm text-gray-700">
                      {t('dashboard.suggestions.why', { count: offer.sharedTopics.length, topics: offer.sharedTopics.map(localName).join(', ') })}
                    </p>
                  </Card>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
