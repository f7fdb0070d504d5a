import { Form } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { ErrorList } from '#app/components/forms';
import { buttonClass, type Tone } from '#app/components/ui';
import type { QuickAction } from '#app/domain/dashboard/rules';
import type { OfferState, RequestState } from '#app/domain/market/rules';

/** What the start page's action answered about one item (its id, the errors to show beside it). */
export type QuickReply = { itemId: string; errors: string[] };

/** The colour of a state's pill: a draft or a pause is information, never an error. */
export const offerStateTones: Record<OfferState, Tone> = { draft: 'info', published: 'brand', paused: 'warning', closed: 'muted' };
export const requestStateTones: Record<RequestState, Tone> = { open: 'brand', in_progress: 'neutral', answered: 'muted', closed: 'muted' };

/**
 * The one-click state changes of an offer or a request: one small form per button, posted to the
 * start page, which changes the state as the item's own page does and comes back here.
 */
export function QuickActions<State extends string>({
  intent,
  itemId,
  title,
  actions,
  reply,
}: {
  intent: 'offer-state' | 'request-state';
  itemId: string;
  title: string;
  actions: readonly QuickAction<State>[];
  reply: QuickReply | undefined;
}) {
  const { t } = useTranslation();
  const errorId = `erreur-${itemId}`;
  const errors = reply?.itemId === itemId ? reply.errors : undefined;
  if (actions.length === 0 && !errors) return null;
  return (
    <div className="space-y-1">
      <ul aria-label={t('dashboard.actions.label', { title })} className="flex flex-wrap gap-2">
        {actions.map((action) => (
          <li key={action.to}>
            <Form method="post" action="/tableau-de-bord">
              <input type="hidden" name="intent" value={intent} />
              <input type="hidden" name="itemId" value={itemId} />
              <input type="hidden" name="state" value={action.to} />
              <button
                type="submit"
                aria-describedby={errors ? errorId : undefined}
                className={buttonClass(action.verb === 'close' ? 'quiet' : 'secondary', 'sm')}
              >
                {t(`dashboard.actions.${action.verb}`)}
                <span className="sr-only"> « {title} »</span>
              </button>
            </Form>
          </li>
        ))}
      </ul>
      {errors ? (
        <div role="alert">
          <ErrorList id={errorId} errors={errors} />
        </div>
      ) : null}
    </div>
  );
}
