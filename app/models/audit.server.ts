import type { Executor } from '#db/client';
import type { TwinningSide, TwinningState } from '#app/domain/pairing/lifecycle';
import { auditLog, type poleMaturity } from '#db/schema';

/**
 * The audit trail: who did what to which object, when, and the facts of the act as structured data.
 * One event kind per act, each with its own `data`; moderation, pairing and the observatory read
 * `data`, never the free-text `reason` (which is what a person typed, shown as is).
 */

type Maturity = (typeof poleMaturity.enumValues)[number];

/** Every kind of event, with the type of object it is about and its data. */
type AuditEvents = {
  'pole.validated': { subject: 'pole'; data: Record<string, never> };
  /** `reason`: the coordinator's words, required. */
  'pole.validation-withdrawn': { subject: 'pole'; data: Record<string, never>; reason: string };
  'pole.maturity-changed': { subject: 'pole'; data: { from: Maturity; to: Maturity } };
  // « Inscrire mon pôle »: a coordinator's decision on an application (subject 'pole-application').
  /** `poleId`: the pole created, or the directory's pole claimed (`created: false`); `invitationId`: null when the contact already ran it. */
  'pole-application.accepted': { subject: 'pole-application'; data: { poleId: string; created: boolean; invitationId: string | null } };
  /** `reason`: the coordinator's words, mailed to the contact. */
  'pole-application.declined': { subject: 'pole-application'; data: Record<string, never>; reason: string };
  // Moderation of live threads (decision 019): the region is the thread's; `threadId` links the log to the page.
  /** A reader's report; `reason`: their words. */
  'thread.message-reported': { subject: 'message'; data: { threadId: string }; reason: string };
  /** By a moderator (`actorId`), or by reports (`actorId` null) pending review. */
  'thread.message-hidden': { subject: 'message'; data: { threadId: string; authorId: string | null }; reason: string };
  'thread.message-restored': { subject: 'message'; data: { threadId: string; authorId: string | null }; reason: string };
  /** A reported message kept visible: its reports are resolved. */
  'thread.reports-dismissed': { subject: 'message'; data: { threadId: string; authorId: string | null }; reason: string };
  'thread.locked': { subject: 'thread'; data: Record<string, never>; reason: string };
  'thread.unlocked': { subject: 'thread'; data: Record<string, never> };
  'thread.slow-mode-set': { subject: 'thread'; data: { seconds: number; until: string } };
  'thread.slow-mode-ended': { subject: 'thread'; data: Record<string, never> };
  /** Muted in the thread's region (null: the national threads) until `until`. */
  'thread.person-muted': { subject: 'user'; data: { until: string; threadId: string }; reason: string };
  'thread.person-unmuted': { subject: 'user'; data: { threadId: string } };
  // Pairing: the history of a twinning is its events (subject 'twinning'), in order.
  'twinning.proposed': { subject: 'twinning'; data: { mentorPoleId: string; menteePoleId: string; requestId: string | null; score: number | null } };
  'twinning.accepted': { subject: 'twinning'; data: { side: TwinningSide; poleId: string } };
  'twinning.activated': { subject: 'twinning'; data: Record<string, never> };
  /** `reason`: the declining pole admin's words. */
  'twinning.declined': { subject: 'twinning'; data: { side: TwinningSide; poleId: string }; reason: string };
  /** Refused for lack of room: the mentor's capacity was reached when this side accepted. */
  'twinning.acceptance-refused': { subject: 'twinning'; data: { side: TwinningSide; poleId: string; capacity: number; activeLoad: number } };
  'twinning.expired': { subject: 'twinning'; data: Record<string, never> };
  'twinning.cancelled': { subject: 'twinning'; data: { from: TwinningState }; reason: string };
  'twinning.completed': { subject: 'twinning'; data: { side: TwinningSide; poleId: string } };
  'twinning.evaluated': { subject: 'twinning'; data: { side: TwinningSide; poleId: string; rating: number } };
  'twinning.goal-added': { subject: 'twinning'; data: { goalId: string; title: string } };
  'twinning.goal-ticked': { subject: 'twinning'; data: { goalId: string; title: string; done: boolean } };
  'twinning.notes-edited': { subject: 'twinning'; data: Record<string, never> };
  /** A pole admin gives (`shows`) or withdraws their side's consent to the twinning being shown on public pages. */
  'twinning.publicity-changed': { subject: 'twinning'; data: { side: TwinningSide; poleId: string; shows: boolean } };
  'twinning.asked': { subject: 'twinning-ask'; data: { fromPoleId: string; mentorPoleId: string; menteePoleId: string } };
  'twinning.ask-dismissed': { subject: 'twinning-ask'; data: Record<string, never> };
  'request.closed-unpaired': { subject: 'request'; data: { openedAt: string } };
  'request.reopened': { subject: 'request'; data: Record<string, never> };
  'pairing.weights-changed': { subject: 'region'; data: { weights: Record<string, number> } };
  // Learning visits.
  'visit.created': { subject: 'visit'; data: { poleId: string; startsAt: string; seats: number } };
  'visit.rescheduled': { subject: 'visit'; data: { from: string; to: string } };
  'visit.seats-changed': { subject: 'visit'; data: { from: number; to: number } };
  /** `reason`: the host's words, sent to every booked pole. */
  'visit.cancelled': { subject: 'visit'; data: { bookingsCancelled: number }; reason: string };
  'visit.attendance-marked': { subject: 'visit'; data: { present: number; absent: number } };
};

export type AuditAction = keyof AuditEvents;

type ReasonOf<K extends AuditAction> = AuditEvents[K] extends { reason: string } ? { reason: string } : { reason?: never };

export type AuditEvent = {
  [K in AuditAction]: {
    action: K;
    /** Null for what the system does on its own (a job). */
    actorId: string | null;
    subject: { type: AuditEvents[K]['subject']; id: string };
    /** The region whose coordinators see the event (null: national). */
    regionCode: string | null;
    data: AuditEvents[K]['data'];
    /** When the act happened, if not the transaction's start (e.g. after a lock was waited for). */
    at?: Date;
  } & ReasonOf<K>;
}[AuditAction];

/** The data of one kind of event, for readers of `audit_log.data`. */
export type AuditData<K extends AuditAction> = AuditEvents[K]['data'];

/**
 * Writes one event. Pass the transaction of the act itself: the event is kept if and only if the
 * act commits.
 */
export async function recordAudit(tx: Executor, event: AuditEvent): Promise<void> {
  await tx.insert(auditLog).values({
    actorId: event.actorId,
    action: event.action,
    subjectType: event.subject.type,
    subjectId: event.subject.id,
    regionCode: event.regionCode,
    reason: event.reason ?? null,
    data: event.data,
    ...(event.at ? { createdAt: event.at } : {}),
  });
}
