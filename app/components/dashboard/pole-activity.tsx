import type { SerializeFrom } from '@remix-run/node';
import { Link } from '@remix-run/react';
import type { ReactNode } from 'react';
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

type VisitKind = 'hosted' | 'booked';
const visitKinds: readonly VisitKind[] = ['hosted', 'booked'];
/** Each list's heading anchor (kept as the page's other French anchors). */
const visitAnchors: Record<VisitKind, string> = { hosted: 'accueil', booked: 'reservees' };

/** A visit as either list shows it: its title and date, the host when it is another pole, then what the kind adds. */
type VisitCard = { key: string; visitId: string; title: string; startsAt: Date | string; host: { name: string; slug: string } | null; facts: ReactNode };

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
  const cards: Record<VisitKind, VisitCard[]> = {
    hosted: hosted.map((visit) => ({
      key: visit.id,
      visitId: visit.id,
      title: visit.title,
      startsAt: visit.startsAt,
      host: null,
      facts: <HostedFacts visit={visit} />,
    })),
    booked: booked.map((booking) => ({
      key: booking.bookingId,
      visitId: booking.visitId,
      title: booking.title,
      startsAt: booking.startsAt,
      host: booking.host,
      facts: <BookedFacts booking={booking} />,
    })),
  };
  /** What fills an empty list: hosting one (for those who may), finding one to book. */
  const fill: Record<VisitKind, string | null> = { hosted: mayHost ? newVisitPath() : null, booked: '/visites' };
  return (
    <div className="grid gap-6 md:grid-cols-2">
      {visitKinds.map((kind) => {
        const id = `${headingId}-${visitAnchors[kind]}`;
        const action = fill[kind];
        return (
          <section key={kind} aria-labelledby={id} className="min-w-0 space-y-3">
            <h3 id={id} className="text-xl font-semibold">
              {t(`dashboard.visits.${kind}Title`)}
            </h3>
            {cards[kind].length === 0 ? (
              <EmptyState
                action={
                  action ? (
                    <ButtonLink to={action} variant="secondary" size="sm">
                      {t(`dashboard.visits.${kind}EmptyAction`)}
                    </ButtonLink>
                  ) : undefined
                }
              >
                {t(`dashboard.visits.${kind}Empty`)}
              </EmptyState>
            ) : (
              <ul className="space-y-3">
                {cards[kind].map((card) => (
                  <Card as="li" key={card.key} className="space-y-1">
                    <Link to={visitPath(card.visitId)} className="font-semibold text-brand-800 underline">
                      {card.title}
                    </Link>
                    <p className="text-sm text-gray-700">
                      {dateTime(card.startsAt)}
                      {card.host ? (
                        <>
                          {' · '}
                          <Link to={polePath(card.host.slug)} className="text-brand-800 underline">
                            {t('dashboard.visits.hostedBy', { host: card.host.name })}
                          </Link>
                        </>
                      ) : null}
                    </p>
                    {card.facts}
                  </Card>
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </div>
  );
}

/** A hosted visit: seats taken, the waiting list, the bookings the host must confirm. */
function HostedFacts({ visit }: { visit: SerializeFrom<HostedVisit> }) {
  const { t } = useTranslation();
  return (
    <>
      <p className="text-sm">{t('dashboard.visits.seats', { taken: visit.taken, seats: visit.seats })}</p>
      {visit.waiting > 0 ? <p className="text-sm">{t('dashboard.visits.waiting', { count: visit.waiting })}</p> : null}
      {visit.toConfirm > 0 ? <Pill tone="warning">{t('dashboard.visits.toConfirm', { count: visit.toConfirm })}</Pill> : null}
    </>
  );
}

/** A booked visit: the booking's state (its rank on the waiting list) and how many take part. */
function BookedFacts({ booking }: { booking: SerializeFrom<BookedVisit> }) {
  const { t } = useTranslation();
  return (
    <p className="flex flex-wrap items-center gap-2 text-sm">
      <Pill tone={bookingTones[booking.state]}>
        {booking.state === 'waiting' && booking.rank ? t('dashboard.visits.waitingRank', { rank: booking.rank }) : t(`visits.bookingStates.${booking.state}`)}
      </Pill>
      <span>{t('dashboard.visits.participants', { count: booking.seats })}</span>
    </p>
  );
}
