import type { SubmissionResult } from '@conform-to/react';
import { Form } from '@remix-run/react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { controlClass, ErrorList, PlainTextarea, SubmitButton, secondaryButtonClass } from '#app/components/forms';
import { buttonClass, Card, EmptyState, Pill, type ButtonSize, type Tone } from '#app/components/ui';
import { bookingLimits } from '#app/domain/visits/booking';
import type { PageBooking } from '#app/models/visit-page.server';

/**
 * The forms of a visit's page: book, cancel a booking (its pole or the host), confirm or decline
 * (the host). Plain forms posting an `intent` (and the booking they act on), so the page works
 * without JavaScript; a 400 comes back with the errors of the form that was sent.
 */

export type VisitReply = {
  intent: string;
  bookingId?: string;
  result: SubmissionResult<string[]>;
  problem?: { key: string; values: Record<string, string | number> };
};

/** The errors and the value sent of one field, when `reply` answers this form. */
function fieldOf(reply: VisitReply | undefined, form: { intent: string; bookingId?: string }, name: string) {
  const mine = reply && reply.intent === form.intent && (form.bookingId === undefined || reply.bookingId === form.bookingId);
  if (!mine) return { errors: undefined, value: undefined };
  const errors = Object.entries(reply.result.error ?? {})
    .filter(([key]) => key === name || key.startsWith(`${name}[`))
    .flatMap(([, messages]) => messages ?? []);
  const initial = (reply.result.initialValue as Record<string, unknown> | undefined)?.[name];
  const value = Array.isArray(initial) ? initial.join('\n') : typeof initial === 'string' ? initial : undefined;
  return { errors: errors.length > 0 ? [...new Set(errors)] : undefined, value };
}

function ReasonForm({
  intent,
  bookingId,
  title,
  submit,
  reply,
  size,
}: {
  intent: 'cancelBooking' | 'decline';
  bookingId: string;
  title: string;
  submit: string;
  reply?: VisitReply;
  size?: ButtonSize;
}) {
  const { t } = useTranslation();
  return (
    <Form method="post" className="mt-2">
      <fieldset>
        <legend className="font-semibold text-gray-900">{title}</legend>
        <input type="hidden" name="bookingId" value={bookingId} />
        <PlainTextarea
          name="reason"
          label={t('visits.reason')}
          hint={t('visits.reasonHint')}
          field={fieldOf(reply, { intent, bookingId }, 'reason')}
          maxLength={bookingLimits.reason.max}
          rows={2}
        />
        <SubmitButton name="intent" value={intent} className={buttonClass('danger', size)}>
          {submit}
        </SubmitButton>
      </fieldset>
    </Form>
  );
}

/** A member books for one of their poles (a select when there are several) with one participant per line. */
export function BookForm({ poles, maxParticipants, reply }: { poles: Array<{ id: string; name: string }>; maxParticipants: number; reply?: VisitReply }) {
  const { t } = useTranslation();
  const selectId = useId();
  const pole = fieldOf(reply, { intent: 'book' }, 'poleId');
  const poleErrorId = pole.errors?.length ? `${selectId}-error` : undefined;
  return (
    <Form method="post" className="space-y-2">
      {poles.length === 1 ? (
        <input type="hidden" name="poleId" value={poles[0]!.id} />
      ) : (
        <div className="mb-3">
          <label htmlFor={selectId} className="block font-medium text-gray-900">
            {t('visits.book.pole')}
          </label>
          <select
            id={selectId}
            name="poleId"
            defaultValue={pole.value}
            className={controlClass}
            aria-invalid={poleErrorId ? true : undefined}
            aria-describedby={poleErrorId}
          >
            {poles.map((entry) => (
              <option key={entry.id} value={entry.id}>
                {entry.name}
              </option>
            ))}
          </select>
          <ErrorList id={poleErrorId} errors={pole.errors} />
        </div>
      )}
      {poles.length === 1 ? <ErrorList errors={pole.errors} /> : null}
      <PlainTextarea
        name="participants"
        label={t('visits.book.participants')}
        hint={t('visits.book.participantsHint', { max: maxParticipants })}
        field={fieldOf(reply, { intent: 'book' }, 'participants')}
        rows={Math.min(Math.max(maxParticipants, 2), 8)}
      />
      <SubmitButton name="intent" value="book">
        {t('visits.book.submit')}
      </SubmitButton>
    </Form>
  );
}

/** The same tones as the dashboard's bookings: confirmed is settled, waiting asks for attention. */
const bookingTones: Record<PageBooking['state'], Tone> = { confirmed: 'brand', pending: 'info', waiting: 'warning', cancelled: 'muted', declined: 'muted' };

function StateLine({ booking }: { booking: PageBooking }) {
  const { t } = useTranslation();
  return (
    <Pill tone={bookingTones[booking.state]}>
      {booking.waitingPosition !== null ? t('visits.mine.position', { position: booking.waitingPosition }) : t(`visits.bookingStates.${booking.state}`)}
    </Pill>
  );
}

const isLive = (booking: PageBooking) => booking.state === 'pending' || booking.state === 'confirmed' || booking.state === 'waiting';

/** The viewer's own poles' bookings: state, current waiting rank, participants, and cancelling. */
export function OwnBookings({ bookings, started, reply }: { bookings: PageBooking[]; started: boolean; reply?: VisitReply }) {
  const { t } = useTranslation();
  return (
    <Card as="section" tone="brand" aria-labelledby="own-bookings" className="space-y-4">
      <h2 id="own-bookings" className="text-xl font-semibold text-gray-900">
        {t('visits.mine.title')}
      </h2>
      {bookings.map((booking) => (
        <div key={booking.id} className="space-y-1">
          <p className="font-semibold text-gray-900">
            {booking.pole.name} · {t('visits.mine.seats', { count: booking.seats })}
          </p>
          <p data-testid="own-booking-state">
            <StateLine booking={booking} />
          </p>
          {booking.cancelReason ? <p className="text-gray-700">{t('visits.mine.reason', { reason: booking.cancelReason })}</p> : null}
          <p className="text-gray-800">
            {t('visits.mine.participants')} : {booking.participants.join(', ')}
          </p>
          {started || !isLive(booking) ? null : booking.state === 'waiting' ? (
            // Leaving the list frees no seat and tells nobody: no reason is asked.
            <Form method="post" className="mt-2">
              <input type="hidden" name="bookingId" value={booking.id} />
              <SubmitButton name="intent" value="leave" className={secondaryButtonClass}>
                {t('visits.leave.submit')}
              </SubmitButton>
            </Form>
          ) : (
            <ReasonForm intent="cancelBooking" bookingId={booking.id} title={t('visits.mine.cancelTitle')} submit={t('visits.cancelSubmit')} reply={reply} />
          )}
        </div>
      ))}
    </Card>
  );
}

/** The host's view: every booking in arrival order with its participants; confirm, decline, cancel. */
export function HostBookings({ bookings, started, reply }: { bookings: PageBooking[]; started: boolean; reply?: VisitReply }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="host-bookings" className="space-y-3">
      <h2 id="host-bookings" className="text-xl font-semibold text-gray-900">
        {t('visits.host.title')}
      </h2>
      {bookings.length === 0 ? (
        <EmptyState>{t('visits.host.none')}</EmptyState>
      ) : (
        <table className="stack-table w-full border-collapse text-left">
          <caption className="sr-only">{t('visits.host.caption')}</caption>
          <thead>
            <tr className="border-b border-gray-400">
              <th scope="col" className="py-2 pr-3">
                {t('visits.host.pole')}
              </th>
              <th scope="col" className="py-2 pr-3">
                {t('visits.host.state')}
              </th>
              <th scope="col" className="py-2 pr-3">
                {t('visits.host.seats')}
              </th>
              <th scope="col" className="py-2 pr-3">
                {t('visits.host.participants')}
              </th>
              {started ? null : (
                <th scope="col" className="py-2">
                  {t('visits.host.actions')}
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {bookings.map((booking) => (
              <tr key={booking.id} className="border-b border-gray-200 align-top">
                <th scope="row" className="py-2 pr-3 font-semibold">
                  {booking.pole.name}
                </th>
                <td className="py-2 pr-3" data-label={t('visits.host.state')}>
                  <StateLine booking={booking} />
                </td>
                <td className="py-2 pr-3" data-label={t('visits.host.seats')}>
                  {booking.seats}
                </td>
                <td className="py-2 pr-3" data-label={t('visits.host.participants')}>
                  {booking.participants.join(', ')}
                </td>
                {started ? null : (
                  <td className="py-2" data-label={t('visits.host.actions')}>
                    {booking.state === 'pending' ? (
                      <>
                        <Form method="post">
                          <input type="hidden" name="bookingId" value={booking.id} />
                          <SubmitButton name="intent" value="confirm" className={buttonClass('primary', 'sm')}>
                            {t('visits.host.confirm')}
                          </SubmitButton>
                        </Form>
                        <ReasonForm
                          intent="decline"
                          bookingId={booking.id}
                          title={t('visits.host.declineTitle', { pole: booking.pole.name })}
                          submit={t('visits.declineSubmit')}
                          reply={reply}
                          size="sm"
                        />
                      </>
                    ) : null}
                    {isLive(booking) ? (
                      <ReasonForm
                        intent="cancelBooking"
                        bookingId={booking.id}
                        title={t('visits.host.cancelTitle', { pole: booking.pole.name })}
                        submit={t('visits.cancelSubmit')}
                        reply={reply}
                        size="sm"
                      />
                    ) : null}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
