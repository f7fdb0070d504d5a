import { and, count, eq } from 'drizzle-orm';
import { eventAllowed, limits, type TwinningState } from '#app/domain/pairing/lifecycle';
import type { Database } from '#db/client';
import { twinningGoals, twinnings } from '#db/schema';
import { recordAudit } from './audit.server';
import { lockTwinning } from './twinning-lifecycle.server';

/**
 * The work of an active twinning: its goals (a checklist with due dates, ticked by either pole)
 * and its shared notes. Each act locks the twinning's row, so a goal is never added to a twinning
 * that is being closed, and the 30 goals are counted under that lock.
 */

export type WorkOutcome =
  { status: 'done' } | { status: 'too-many-goals' } | { status: 'unknown-goal' } | { status: 'not-allowed'; state: TwinningState } | { status: 'not-found' };

export async function addGoal(db: Database, input: { twinningId: string; actorId: string; title: string; dueOn?: string }): Promise<WorkOutcome> {
  return db.transaction(async (tx): Promise<WorkOutcome> => {
    const twinning = await lockTwinning(tx, input.twinningId);
    if (!twinning) return { status: 'not-found' };
    if (!eventAllowed(twinning.state, 'work')) return { status: 'not-allowed', state: twinning.state };
    const [existing] = await tx.select({ total: count() }).from(twinningGoals).where(eq(twinningGoals.twinningId, twinning.id));
    if ((existing?.total ?? 0) >= limits.goalsMax) return { status: 'too-many-goals' };
    const [goal] = await tx
      .insert(twinningGoals)
      .values({ twinningId: twinning.id, title: input.title, dueOn: input.dueOn ?? null, createdById: input.actorId })
      .returning({ id: twinningGoals.id });
    await recordAudit(tx, {
      action: 'twinning.goal-added',
      actorId: input.actorId,
      subject: { type: 'twinning', id: twinning.id },
      regionCode: twinning.regionCode,
      data: { goalId: goal!.id, title: input.title },
      at: new Date(),
    });
    return { status: 'done' };
  });
}

/** Ticks (or unticks) a goal, saying who and when. */
export async function tickGoal(db: Database, input: { twinningId: string; goalId: string; done: boolean; actorId: string }): Promise<WorkOutcome> {
  return db.transaction(async (tx): Promise<WorkOutcome> => {
    const twinning = await lockTwinning(tx, input.twinningId);
    if (!twinning) return { status: 'not-found' };
    if (!eventAllowed(twinning.state, 'work')) return { status: 'not-allowed', state: twinning.state };
    const now = new Date();
    const [goal] = await tx
      .update(twinningGoals)
      .set(input.done ? { doneAt: now, doneById: input.actorId } : { doneAt: null, doneById: null })
      .where(and(eq(twinningGoals.id, input.goalId), eq(twinningGoals.twinningId, twinning.id)))
      .returning({ id: twinningGoals.id, title: twinningGoals.title });
    if (!goal) return { status: 'unknown-goal' };
    await recordAudit(tx, {
      action: 'twinning.goal-ticked',
      actorId: input.actorId,
      subject: { type: 'twinning', id: twinning.id },
      regionCode: twinning.regionCode,
      data: { goalId: goal.id, title: goal.title, done: input.done },
      at: now,
    });
    return { status: 'done' };
  });
}

/** Saves the shared notes; the history says they were edited, not what they say. */
export async function saveNotes(db: Database, input: { twinningId: string; actorId: string; notes: string }): Promise<WorkOutcome> {
  return db.transaction(async (tx): Promise<WorkOutcome> => {
    const twinning = await lockTwinning(tx, input.twinningId);
    if (!twinning) return { status: 'not-found' };
    if (!eventAllowed(twinning.state, 'work')) return { status: 'not-allowed', state: twinning.state };
    const now = new Date();
    await tx.update(twinnings).set({ notes: input.notes, notesUpdatedAt: now, notesUpdatedById: input.actorId }).where(eq(twinnings.id, twinning.id));
    await recordAudit(tx, {
      action: 'twinning.notes-edited',
      actorId: input.actorId,
      subject: { type: 'twinning', id: twinning.id },
      regionCode: twinning.regionCode,
      data: {},
      at: now,
    });
    return { status: 'done' };
  });
}
