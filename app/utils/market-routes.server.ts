import type { Submission } from '@conform-to/react';
import { data, redirect, type ActionFunctionArgs } from '@remix-run/node';
import type { MarketPole, SaveOutcome } from '#app/models/marketplace.server';
import { requireSession } from '#app/utils/auth.server';
import { allowed, can, getActor, type Actor, type Decision, type RefusalReason } from '#app/utils/permissions.server';
import { notFound } from '#app/utils/http';

/** What the offer and request routes share on the server: guards and the replies of their actions. */

type Context = ActionFunctionArgs['context'];

/** Guard for pages that need an account: a visitor is sent to sign in, then the person's roles. */
export async function requireActor(request: Request, context: Context): Promise<Actor> {
  await requireSession(request, context);
  return (await getActor(request, context))!;
}

/** The poles the person may publish for, and the names of those waiting for validation. */
export function splitPublishingPoles(actor: Actor, poles: MarketPole[], action: 'offer:create' | 'request:create') {
  const publishing = poles.filter((pole) => allowed(actor, { action, pole }));
  return {
    poles: publishing.map((pole) => ({ id: pole.id, name: pole.name })),
    unverifiedPoles: poles.filter((pole) => !publishing.includes(pole)).map((pole) => pole.name),
  };
}

/**
 * Whether the page shows the contact link, and why not: shown to visitors (it leads them to sign in)
 * and to members of another pole. Starting the conversation is checked by the conversation's own action.
 */
export function contactLink(actor: Actor | null, ownerPoleId: string): Decision {
  return actor ? can(actor, { action: 'conversation:contact', toPole: { id: ownerPoleId } }) : { ok: true };
}

/** Field errors found by the schema, or set by the caller, answered beside their fields. */
export function invalid(submission: Submission<unknown>, fieldErrors?: Record<string, string[]>) {
  return data({ result: submission.reply(fieldErrors ? { fieldErrors } : undefined) }, { status: 400 });
}

const unknownTagErrors = { topics: 'market.errors.unknownTopic', sectors: 'market.errors.unknownSector' } as const;

/** After an editor's save: back to the form with the field to fix, or to the item's page with a note. */
export async function replyToSave(
  context: Context,
  submission: Submission<unknown>,
  outcome: SaveOutcome,
  next: { basePath: '/offres' | '/demandes'; notice: string; title: string },
) {
  if (outcome.status === 'not-found') throw notFound();
  // The route's guard let the pole create a moment ago; a validation withdrawn since then is refused
  // the same way as that guard refuses it.
  if (outcome.status === 'refused') throw notFound();
  if (outcome.status === 'unknown-tag') return invalid(submission, { [outcome.field]: [unknownTagErrors[outcome.field]] });
  return redirectWithNote(context, `${next.basePath}/${outcome.id}`, next.notice, next.title);
}

/**
 * A state change that would make the item public for a pole that may not publish. The member
 * sees the item, so nothing is hidden: the page says why, beside the state select.
 */
export function publishingRefused(submission: Submission<unknown>) {
  return data({ result: submission.reply({ fieldErrors: { state: ['market.errors.publishingNeedsValidation'] } }) }, { status: 403 });
}

export async function redirectWithNote(context: Context, path: string, message: string, title: string) {
  const note = await context.flash.put({ message, values: { title } });
  return redirect(path, { headers: { 'Set-Cookie': note } });
}

export type BlockedReason = 'noPole' | 'notVerified' | 'ownPole';

/**
 * Why none of the person's poles may act towards another pole (write to it, ask a twinning with
 * it), read from the refusals themselves, in the order the page's wording says what to do: a pole
 * still to validate first, then only the other pole's own people.
 */
export function blockedReason(refusals: readonly RefusalReason[]): BlockedReason {
  if (refusals.includes('pole-not-validated')) return 'notVerified';
  return refusals.includes('own-pole') ? 'ownPole' : 'noPole';
}
