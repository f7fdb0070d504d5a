import { useTranslation } from 'react-i18next';
import { ItemCards, type CardItem, type CardKind } from '#app/components/market/item-card';
import { ButtonLink, EmptyState } from '#app/components/ui';

/**
 * What differs between the pole's offers and its requests: where their lists are, and the noun
 * their texts are named after (`poles.profile.noOffers`, `publishRequest`…).
 */
const kinds: Record<CardKind, { listPath: string; noun: 'Offer' | 'Request' }> = {
  offers: { listPath: '/offres', noun: 'Offer' },
  requests: { listPath: '/demandes', noun: 'Request' },
};
const cardKinds: readonly CardKind[] = ['offers', 'requests'];

/** The pole's published offers and its requests still looking for help, side by side on a wide screen. */
export function PoleMarket({
  offers,
  requests,
  canPublish,
}: {
  offers: CardItem[];
  requests: CardItem[];
  /** A member of the pole: the empty lists offer to publish. */
  canPublish: boolean;
}) {
  const { t } = useTranslation();
  const lists: Record<CardKind, CardItem[]> = { offers, requests };
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      {cardKinds.map((kind) => {
        const { listPath, noun } = kinds[kind];
        const headingId = `pole-${kind}`;
        // A member is offered to publish one; anyone else, to see every pole's.
        const action = canPublish
          ? { to: `${listPath}/nouvelle`, label: `poles.profile.publish${noun}` }
          : { to: listPath, label: `poles.profile.all${noun}s` };
        return (
          <section key={kind} aria-labelledby={headingId} className="space-y-3">
            <h2 id={headingId} className="text-2xl font-semibold">
              {t(`poles.profile.${kind}Title`)}
            </h2>
            {lists[kind].length > 0 ? (
              <ItemCards kind={kind} items={lists[kind]} showPole={false} />
            ) : (
              <EmptyState
                action={
                  <ButtonLink to={action.to} variant="secondary" size="sm">
                    {t(action.label)}
                  </ButtonLink>
                }
              >
                {t(`poles.profile.no${noun}s`)}
              </EmptyState>
            )}
          </section>
        );
      })}
    </div>
  );
}
