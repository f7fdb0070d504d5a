import { z } from 'zod';
import { openTwinningStates, twinningSides, type TwinningState } from './lifecycle';

/**
 * Whether a twinning is shown on public pages (a pole's page, the home page). Each pole admin
 * consents for their own side; a twinning is shown only while it is under way AND both poles
 * consented: one pole never makes the other's partnership public. The same lists feed the SQL
 * filters (`inArray(twinnings.state, publicTwinningStates)` and both consent columns).
 */

/** States in which a consented twinning is shown publicly: under way only. */
export const publicTwinningStates = ['active'] as const satisfies readonly TwinningState[];
/** States in which a side may still give or withdraw its consent: before and while it runs. */
export const publicityChangeStates = openTwinningStates;

export type Consents = { mentorShowsPublicly: boolean; menteeShowsPublicly: boolean };

export function shownPublicly(twinning: { state: TwinningState } & Consents): boolean {
  return (publicTwinningStates as readonly TwinningState[]).includes(twinning.state) && twinning.mentorShowsPublicly && twinning.menteeShowsPublicly;
}

export function publicityCanChange(state: TwinningState): boolean {
  return (publicityChangeStates as readonly TwinningState[]).includes(state);
}

/** The toggle on /jumelages/<id>: one side, shown or not (`true`/`false` from a hidden field). */
export const publicitySchema = z.object({
  intent: z.literal('publicity'),
  side: z.enum(twinningSides, { errorMap: () => ({ message: 'pairing.errors.unknownIntent' }) }),
  shows: z.enum(['true', 'false'], { errorMap: () => ({ message: 'pairing.errors.unknownIntent' }) }).transform((value) => value === 'true'),
});
