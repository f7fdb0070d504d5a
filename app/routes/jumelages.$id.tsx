import { parseWithZod } from '@conform-to/zod';
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { metaCatalogue } from '#app/components/format';
import { CancelForm, EvaluationForm, NotesForm, RespondForms, type TwinningReply } from '#app/components/pairing/twinning-forms';
import { TwinningGoals } from '#app/components/pairing/twinning-goals';
import { TwinningPublicity } from '#app/components/pairing/twinning-publicity';
import { TwinningHistory } from '#app/components/pairing/twinning-history';
import { TwinningEvaluations, TwinningNotes, TwinningSummary } from '#app/components/pairing/twinning-summary';
import { Notice } from '#app/components/ui';
import {
  cancellationSchema,
  eventAllowed,
  evaluationSchema,
  goalSchema,
  goalTickSchema,
  notesSchema,
  twinningSides,
  type TwinningSide,
} from '#app/domain/pairing/lifecycle';
import { limits } from '#app/domain/pairing/lifecycle';
import { publicityCanChange, publicitySchema } from '#app/domain/pairing/publicity';
import { TwinningVisits } from '#app/components/visits/twinning-visits';
import { newVisitPath, twinningPath } from '#app/domain/paths';
import { visitsOfTwinning } from '#app/models/visit-list.server';
import {
  cancelTwinning,
  completeTwinning,
  evaluateTwinning,
  respondToTwinning,
  type CloseOutcome,
  type ResponseOutcome,
} from '#app/models/twinning-lifecycle.server';
import { setTwinningPublicity, twinningConsents } from '#app/models/twinning-publicity.server';
import { addGoal, saveNotes, tickGoal, type WorkOutcome } from '#app/models/twinning-work.server';
import { findTwinningRef, getTwinningPage, type TwinningRef } from '#app/models/twinnings.server';
import { requireSession } from '#app/utils/auth.server';
import { readForm } from '#app/utils/form.server';
import { notFound } from '#app/utils/http';
import { allowed, requirePermission, type Permission } from '#app/utils/permissions.server';
import { isUuid } from '#app/utils/uuid';

const side = z.enum(twinningSides, { errorMap: () => ({ message: 'pairing.errors.unknownIntent' }) });

/** Every form of the page, told apart by its `intent` (the fields of each come from the domain's schemas). */
const actionSchema = z.discriminatedUnion(
  'intent',
  [
    z.object({ intent: z.literal('accept'), side }),
    cancellationSchema.extend({ intent: z.literal('decline'), side }),
    cancellationSchema.extend({ intent: z.literal('cancel') }),
    goalSchema.extend({ intent: z.literal('addGoal') }),
    goalTickSchema.extend({ intent: z.literal('tickGoal') }),
    notesSchema.extend({ intent: z.literal('saveNotes') }),
    evaluationSchema.extend({ intent: z.literal('complete'), side }),
    evaluationSchema.extend({ intent: z.literal('evaluate'), side }),
    publicitySchema,
  ],
  { errorMap: () => ({ message: 'pairing.errors.unknownIntent' }) },
);

/** The twinning of the address, and the person, who must be allowed to see it (404 otherwise). */
async function requireTwinning(request: Request, context: LoaderFunctionArgs['context'], params: LoaderFunctionArgs['params']) {
  await requireSession(request, context);
  if (!isUuid(params.id)) throw notFound();
  const twinning = await findTwinningRef(context.db, params.id);
  if (!twinning) throw notFound();
  const actor = await requirePermission(request, context, { action: 'twinning:view', twinning });
  return { twinning, actor };
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { twinning: ref, actor } = await requireTwinning(request, context, params);
  const [page, visits, consents] = await Promise.all([
    getTwinningPage(context.db, ref.id),
    visitsOfTwinning(context.db, ref.id),
    twinningConsents(context.db, ref.id),
  ]);
  if (!page || !consents) throw notFound();
  // Each pole admin sees the buttons of their own side only.
  const sides = twinningSides.map((side) => {
    const pole = side === 'mentor' ? page.mentor : page.mentee;
    const acceptedAt = side === 'mentor' ? page.mentorAcceptedAt : page.menteeAcceptedAt;
    const speaksFor = allowed(actor, { action: 'twinning:respond', twinning: ref, side });
    const evaluates = allowed(actor, { action: 'twinning:evaluate', twinning: ref, side });
    return {
      side,
      pole: { id: pole.id, name: pole.name },
      acceptedAt,
      acceptedByName: side === 'mentor' ? page.mentorAcceptedByName : page.menteeAcceptedByName,
      canRespond: page.state === 'proposed' && speaksFor && acceptedAt === null,
      canComplete: page.state === 'active' && evaluates,
      canEvaluate: page.state === 'completed' && evaluates && !page.evaluations.some((evaluation) => evaluation.side === side),
      showsPublicly: side === 'mentor' ? consents.mentorShowsPublicly : consents.menteeShowsPublicly,
      canSetPublicity: publicityCanChange(page.state) && allowed(actor, { action: 'twinning:publicity', twinning: ref, side }),
    };
  });
  const thread = { initiatorPoleId: page.mentee.id, recipientPoleId: page.mentor.id };
  return {
    twinning: page,
    visits,
    sides,
    canCancel: eventAllowed(page.state, 'cancel') && allowed(actor, { action: 'twinning:cancel', twinning: ref }),
    canWork: eventAllowed(page.state, 'work') && allowed(actor, { action: 'twinning:work', twinning: ref }),
    canOpenConversation: page.threadId !== null && allowed(actor, { action: 'conversation:view', thread }),
    // A pole admin of either side may host a learning visit for the twinning (the form checks the pole's validation).
    canProposeVisit: page.state === 'active' && sides.some((entry) => entry.canComplete),
  };
}

/** The right each intent needs, read from the form before it is validated (so a refusal is a 404, not a 400). */
function permissionFor(twinning: TwinningRef, payload: Record<string, unknown>): Permission {
  const chosen = side.safeParse(payload.side);
  switch (payload.intent) {
    case 'accept':
    case 'decline':
      return chosen.success ? { action: 'twinning:respond', twinning, side: chosen.data } : { action: 'twinning:view', twinning };
    case 'complete':
    case 'evaluate':
      return chosen.success ? { action: 'twinning:evaluate', twinning, side: chosen.data } : { action: 'twinning:view', twinning };
    case 'publicity':
      return chosen.success ? { action: 'twinning:publicity', twinning, side: chosen.data } : { action: 'twinning:view', twinning };
    case 'cancel':
      return { action: 'twinning:cancel', twinning };
    case 'addGoal':
    case 'tickGoal':
    case 'saveNotes':
      return { action: 'twinning:work', twinning };
    default:
      return { action: 'twinning:view', twinning };
  }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { twinning } = await requireTwinning(request, context, params);
  const submission = parseWithZod(await readForm(request), { schema: actionSchema });
  const actor = await requirePermission(request, context, permissionFor(twinning, submission.payload));
  const replyTo = {
    intent: String(submission.payload.intent ?? ''),
    ...(typeof submission.payload.side === 'string' ? { side: submission.payload.side } : {}),
  };
  if (submission.status !== 'success') return data<TwinningReply>({ ...replyTo, result: submission.reply() }, { status: 400 });

  const done = async (notice: string) => {
    const note = await context.flash.put({ message: `twinnings.notices.${notice}` });
    return redirect(twinningPath(twinning.id), { headers: { 'Set-Cookie': note } });
  };
  const refused = (key: string, values: Record<string, string | number> = {}, status = 409) =>
    data<TwinningReply>({ ...replyTo, result: submission.reply(), problem: { key: `twinnings.problems.${key}`, values } }, { status });
  const other = (outcome: ResponseOutcome | CloseOutcome | WorkOutcome) => {
    switch (outcome.status) {
      case 'not-found':
        throw notFound();
      case 'not-allowed':
        return refused('notAllowed', { state: outcome.state });
      case 'expired':
        return refused('expired');
      case 'capacity-refused':
        return refused('capacityRefused', { pole: outcome.poleName, count: outcome.activeLoad, capacity: outcome.capacity });
      case 'already-evaluated':
        return refused('alreadyEvaluated');
      case 'too-many-goals':
        return refused('tooManyGoals', { count: limits.goalsMax });
      case 'unknown-goal':
        return refused('unknownGoal', {}, 400);
      default:
        throw new Error(`unexpected outcome ${outcome.status}`);
    }
  };

  const input = submission.value;
  const services = context;
  const actorId = actor.userId;
  switch (input.intent) {
    case 'accept':
    case 'decline': {
      const outcome = await respondToTwinning(
        services,
        input.intent === 'accept'
          ? { twinningId: twinning.id, side: input.side, actorId, intent: 'accept' }
          : { twinningId: twinning.id, side: input.side, actorId, intent: 'decline', reason: input.reason },
      );
      if (outcome.status === 'accepted') return done('accepted');
      if (outcome.status === 'activated') return done('activated');
      if (outcome.status === 'already-accepted') return done('alreadyAccepted');
      if (outcome.status === 'declined') return done('declined');
      return other(outcome);
    }
    case 'cancel': {
      const outcome = await cancelTwinning(services, { twinningId: twinning.id, actorId, reason: input.reason });
      return outcome.status === 'cancelled' ? done('cancelled') : other(outcome);
    }
    case 'complete':
    case 'evaluate': {
      const { intent, side: chosenSide, ...evaluation } = input;
      const close = intent === 'complete' ? completeTwinning : evaluateTwinning;
      const outcome = await close(services, { twinningId: twinning.id, side: chosenSide, actorId, evaluation });
      return outcome.status === 'completed' || outcome.status === 'evaluated' ? done(outcome.status) : other(outcome);
    }
    case 'addGoal': {
      const outcome = await addGoal(context.db, { twinningId: twinning.id, actorId, title: input.title, dueOn: input.dueOn });
      return outcome.status === 'done' ? done('goalAdded') : other(outcome);
    }
    case 'tickGoal': {
      const outcome = await tickGoal(context.db, { twinningId: twinning.id, actorId, goalId: input.goalId, done: input.done });
      return outcome.status === 'done' ? done(input.done ? 'goalTicked' : 'goalUnticked') : other(outcome);
    }
    case 'saveNotes': {
      const outcome = await saveNotes(context.db, { twinningId: twinning.id, actorId, notes: input.notes });
      return outcome.status === 'done' ? done('notesSaved') : other(outcome);
    }
    case 'publicity': {
      const outcome = await setTwinningPublicity(context.db, { twinningId: twinning.id, side: input.side, shows: input.shows, actorId });
      return outcome.status === 'done' ? done(input.shows ? 'publicityGiven' : 'publicityWithdrawn') : other(outcome);
    }
  }
}

export default function TwinningPage() {
  const { twinning, visits, sides, canCancel, canWork, canOpenConversation, canProposeVisit } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { t } = useTranslation();
  const problem = reply?.problem;
  const byName = (name: TwinningSide) => sides.find((entry) => entry.side === name)!;
  return (
    <article className="max-w-4xl space-y-8">
      <p>
        <Link to="/jumelages" className="text-brand-800 underline">
          <span aria-hidden="true">← </span>
          {t('twinnings.page.back')}
        </Link>
      </p>
      <h1 className="text-3xl font-bold text-gray-900">{t('twinnings.page.title', { mentor: twinning.mentor.name, mentee: twinning.mentee.name })}</h1>
      {problem ? (
        <Notice tone="danger" role="alert">
          {t(problem.key, { ...problem.values, ...(typeof problem.values.state === 'string' ? { state: t(`pairing.states.${problem.values.state}`) } : {}) })}
        </Notice>
      ) : null}
      <TwinningSummary twinning={twinning} sides={sides} canOpenConversation={canOpenConversation} />
      {publicityCanChange(twinning.state) ? <TwinningPublicity state={twinning.state} sides={sides} /> : null}
      {visits.length > 0 || canProposeVisit ? (
        <TwinningVisits visits={visits}>
          {canProposeVisit ? (
            <Link to={newVisitPath({ jumelage: twinning.id })} className="font-semibold text-brand-800 underline">
              {t('twinnings.page.proposeVisit')}
            </Link>
          ) : null}
        </TwinningVisits>
      ) : null}
      {sides
        .filter((entry) => entry.canRespond)
        .map((entry) => (
          <RespondForms key={entry.side} side={entry.side} poleName={entry.pole.name} reply={reply} />
        ))}
      {twinning.state === 'active' || twinning.goals.length > 0 ? <TwinningGoals goals={twinning.goals} canWork={canWork} reply={reply} /> : null}
      {twinning.state === 'active' || twinning.notes ? (
        <TwinningNotes twinning={twinning}>{canWork ? <NotesForm notes={twinning.notes} reply={reply} /> : null}</TwinningNotes>
      ) : null}
      {twinning.state === 'completed' ? <TwinningEvaluations twinning={twinning} /> : null}
      {twinningSides.map((name) =>
        byName(name).canComplete ? <EvaluationForm key={name} intent="complete" side={name} poleName={byName(name).pole.name} reply={reply} /> : null,
      )}
      {twinningSides.map((name) =>
        byName(name).canEvaluate ? <EvaluationForm key={name} intent="evaluate" side={name} poleName={byName(name).pole.name} reply={reply} /> : null,
      )}
      {canCancel ? <CancelForm reply={reply} /> : null}
      <TwinningHistory entries={twinning.history} mentor={twinning.mentor} mentee={twinning.mentee} />
    </article>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data: loaded, matches }) => {
  const catalogue = metaCatalogue(matches);
  const title = loaded
    ? catalogue.twinnings.page.title.replace('{{mentor}}', loaded.twinning.mentor.name).replace('{{mentee}}', loaded.twinning.mentee.name)
    : catalogue.twinnings.metaTitle;
  return [{ title: `${title} — Erasmus PTCE` }];
};
