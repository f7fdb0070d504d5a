import type { Executor } from '#db/client';
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
  // Kinds the next issues write (moderated threads, pairing); declared so their readers can be typed.
  'thread.message-hidden': { subject: 'message'; data: { threadId: string; authorId: string | null }; reason: string };
  'thread.message-restored': { subject: 'message'; data: { threadId: string }; reason: string };
  'thread.locked': { subject: 'thread'; data: Record<string, never>; reason: string };
  'thread.unlocked': { subject: 'thread'; data: Record<string, never> };
  'thread.person-muted': { subject: 'user'; data: { until: string | null }; reason: string };
  'twinning.proposed': { subject: 'twinning'; data: { maturePoleId: string; emergingPoleId: string } };
  'twinning.state-changed': { subject: 'twinning'; data: { from: string; to: string } };
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
