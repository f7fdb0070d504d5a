import type { NoticeTone, Tone } from '#app/components/ui';
import type { TwinningState } from '#app/domain/pairing/lifecycle';

/**
 * A twinning's state in colour, the same wherever it shows: a pill in a list, the state box of its
 * page. A proposal waits for answers (it asks for attention), a running twinning is good news, and
 * an ended one (completed, declined, expired, cancelled) is a state to read, never an error.
 */
export const twinningStatePills: Record<TwinningState, Tone> = {
  proposed: 'info',
  active: 'brand',
  completed: 'muted',
  declined: 'muted',
  expired: 'muted',
  cancelled: 'muted',
};

export const twinningStateNotices: Record<TwinningState, NoticeTone> = {
  proposed: 'warning',
  active: 'success',
  completed: 'info',
  declined: 'info',
  expired: 'info',
  cancelled: 'info',
};
