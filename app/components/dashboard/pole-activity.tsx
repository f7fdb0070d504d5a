import type { SerializeFrom } from '@remix-run/node';
import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { useLocalFormat } from '#app/components/format';
import { ButtonLink, Card, EmptyState, Pill, type Tone } from '#app/components/ui';
import { newVisitPath, polePath, twinningPath, visitPath } from '#app/domain/paths';
import type { BookedVisit, DashboardTwinning, HostedVisit } from '#app/models/dashboard-poles.server';

const bookingTones: Record<BookedVisit['state'], Tone> = { confirmed: 'brand', pending: 'info', waiting: 'warning' };
const twinningTones: Record<DashboardTwinning['state'], Tone> = { proposed: 'info', active: 'brand' };

/** A pole's open twinnings: the other pole, what waits for an answer, the next goals by due date. */
export function PoleTwinnings({ headingId, twinnings }: { headingId: string; twinnings: SerializeFrom<DashboardTwinning>[] }) {
  const { t } = useTranslation();
  const { date } = useLocalFormat();
  return (
    <section aria-labelledby={headingId} className="space-y-3">
      <h3 id={headingId} className="text-xl font-semibold">
        {t('dashboard.twinnings.title')}
      </h3>
      {twinnings.length === 0 ? (
        <EmptyState
          action={
            <ButtonLink to="/poles" variant="secondary" size="sm">
              {t('dashboard.twinnings.emptyAction')}
            </ButtonLink>
          }
        >
          {t('dashboard.twinnings.empty')}
        </EmptyState>
      ) : (
        <ul className="space-y-3">
          {twinnings.map((twinning) => (
            <Card as="li" key={twinning.id} className="space-y-2">
              <p className="flex flex-wrap items-center gap-2">
                <Link to={twinningPath(twinning.id)} className="font-semibold text-brand-800 underline">
                  {t(`dashboard.twinnings.as.${twinning.side}`, { pole: twinning.otherPole.name })}
                </Link>
                <Pill tone={twinningTones[twinning.state]}>{t(`pairing.states.${twinning.state}`)}</Pill>
              </p>
              {twinning.requestTitle ? <p className="text-sm text-gray-700">{t('dashboard.twinnings.request', { title: twinning.requestTitle })}</p> : null}
              {twinning.state === 'proposed' ? (
                <p className="text-sm">
                  {twinning.awaitsOurAnswer ? t('dashboard.twinnings.awaitsAnswer', { date: date(twinning.expiresAt) }) : t('dashboard.twinnings.awaitsOther')}
                </p>
              ) : twinning.nextGoals.length === 0 ? (
                <p className="text-sm text-gray-700">{t('dashboard.twinnings.noGoals')}</p>
              ) : (
                <div className="text-sm">
                  <p className="font-semibold">{t('dashboard.twinnings.nextGoals')}</p>
                  <ul className="list-disc pl-5">
                    {twinning.nextGoals.map((goal) => (
                      <li key={goal.id}>
                        {goal.title} — {goal.dueOn ? t('dashboard.twinnings.due', { date: date(goal.dueOn) }) : t('dashboard.twinnings.noDue')}
                      </li>
                    ))}
                  </ul>
                  {twinning.openGoals > twinning.nextGoals.length ? (
                    <p className="text-gray-700">{t('dashboard.twinnings.moreGoals', { count: twinning.openGoals - twinning.nextGoals.length })}</p>
                  ) : null}
                </div>
              )}
            </Card>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The pole's upcoming visits: those it hosts (seats, waiting list, bookings to confirm) and those it booked (its place). */
export function PoleVisits({
  headingId,
  hosted,
  booked,
  mayHost,
}: {
  headingId: string;
  hosted: SerializeFrom<HostedVisit>[];
  booked: SerializeFrom<BookedVisit>[];
  mayHost: boolean;
}) {
  const { t } = useTranslation();
  const { dateTime } = useLocalFormat();
  return (
    <div className="grid gap-6 md:grid-cols-2">
      <section aria-labelledby={`${headingId}-accueil`} className="min-w-0 space-y-3">
        <h3 id={`${headingId}-accueil`} className="text-xl font-semibold">
          {t('dashboard.visits.hostedTitle')}
        </h3>
        {hosted.length === 0 ? (
          <EmptyState
            action={
              mayHost ? (
                <ButtonLink to={newVisitPath()} variant="secondary" size="sm">
                  {t('dashboard.visits.hostedEmptyAction')}
                </ButtonLink>
              ) : undefined
            }
          >
            {t('dashboard.visits.hostedEmpty')}
          </EmptyState>
        ) : (
          <ul className="space-y-3">
            {hosted.map((visit) => (
              <Card as="li" key={visit.id} className="space-y-1">
                <Link to={visitPath(visit.id)} className="font-semibold text-brand-800 underline">
                  {visit.title}
                </Link>
                <p className="text-sm text-gray-700">{dateTime(visit.startsAt)}</p>
                <p className="text-sm">{t('dashboard.visits.seats', { taken: visit.taken, seats: visit.seats })}</p>
                {visit.waiting > 0 ? <p className="text-sm">{t('dashboard.visits.waiting', { count: visit.waiting })}</p> : null}
                {visit.toConfirm > 0 ? <Pill tone="warning">{t('dashboard.visits.toConfirm', { count: visit.toConfirm })}</Pill> : null}
              </Card>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby={`${headingId}-reservees`} className="min-w-0 space-y-3">
        <h3 id={`${headingId}-reservees`} className="text-xl font-semibold">
          {t('dashboard.visits.bookedTitle')}
        </h3>
        {booked.length === 0 ? (
          <EmptyState
            action={
              <ButtonLink to="/visites" variant="secondary" size="sm">
                {t('dashboard.visits.bookedEmptyAction')}
              </ButtonLink>
            }
          >
            {t('dashboard.visits.bookedEmpty')}
          </EmptyState>
        ) : (
          <ul className="space-y-3">
            {booked.map((booking) => (
              <Card as="li" key={booking.bookingId} className="space-y-1">
                <Link to={visitPath(booking.visitId)} className="font-semibold text-brand-800 underline">
                  {booking.title}
                </Link>
                <p className="text-sm text-gray-700">
                  {dateTime(booking.startsAt)} ·{' '}
                  <Link to={polePath(booking.host.slug)} className="text-brand-800 underline">
                    {t('dashboard.visits.hostedBy', { host: booking.host.name })}
                  </Link>
                </p>
                <p className="flex flex-wrap items-center gap-2 text-sm">
                  <Pill tone={bookingTones[booking.state]}>
                    {booking.state === 'waiting' && booking.rank
                      ? t('dashboard.visits.waitingRank', { rank: booking.rank })
                      : t(`visits.bookingStates.${booking.state}`)}
                  </Pill>
                  <span>{t('dashboard.visits.participants', { count: booking.seats })}</span>
                </p>
              </Card>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
