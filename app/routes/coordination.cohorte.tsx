import { parseWithZod } from '@conform-to/zod';
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { metaCatalogue, useLocalFormat } from '#app/components/format';
import { controlClass, ErrorList, FormMessage, SubmitButton } from '#app/components/forms';
import { DeskRegionSelect } from '#app/components/pairing/desk-region-select';
import { Explanation } from '#app/components/pairing/explanation';
import { limits, proposalSchema } from '#app/domain/pairing/lifecycle';
import { deskPath, polePath, requestPath } from '#app/domain/paths';
import { catalogueOf } from '#app/locales/catalogues.server';
import { loadCohort, proposeCohort, type CohortOutcome } from '#app/models/pairing.server';
import { requireDeskRegion } from '#app/models/pairing-region.server';
import { readForm } from '#app/utils/form.server';

const choicePattern = /^[0-9a-f-]{36}:[0-9a-f-]{36}$/i;

/** « garder » per pair (the request's id), the chosen mentor per request (`requestId:poleId`), one message. */
const cohortSchema = z.object({
  keep: z.array(z.string().uuid('coordination.cohort.errors.invalidChoice')).default([]),
  choice: z.array(z.string().regex(choicePattern, 'coordination.cohort.errors.invalidChoice')).default([]),
  message: proposalSchema.shape.message,
});

const round = (score: number) => Math.round(score * 10) / 10;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { regions, region, language } = await requireDeskRegion(request, context);
  if (!region) return { regions, region: null, cohort: null };
  const plan = await loadCohort(context.db, { regionCode: region.code, language });
  const byRequest = new Map(plan.requests.map((item) => [item.request!.id, item]));
  return {
    regions,
    region,
    cohort: {
      assignments: plan.optimal.assignments,
      total: plan.optimal.total,
      greedyTotal: plan.greedy.total,
      proposals: plan.proposals.map((proposal) => {
        const item = byRequest.get(proposal.requestId)!;
        return {
          requestId: proposal.requestId,
          title: item.request!.title,
          mentee: { slug: item.pole.slug, name: item.pole.name },
          poleId: proposal.poleId,
          score: proposal.score,
          explanation: proposal.suggestion.explanation,
          options: item.options,
        };
      }),
      unassigned: plan.unassigned.map((item) => ({
        requestId: item.request!.id,
        title: item.request!.title,
        mentee: { slug: item.pole.slug, name: item.pole.name },
      })),
    },
  };
}

type CohortReply = { errors: string[]; fieldErrors?: Record<string, string[] | null> };

/** The refusal in the page's language, naming the poles whose room a choice exceeds. */
function refusalSentences(outcome: Exclude<CohortOutcome, { status: 'proposed' }>, language: 'fr' | 'en'): string[] {
  const texts = catalogueOf(language).coordination.cohort.errors;
  switch (outcome.status) {
    case 'over-capacity':
      return outcome.poles.map((pole) =>
        texts.overCapacity.replace('{{name}}', pole.name).replace('{{room}}', String(pole.room)).replace('{{chosen}}', String(pole.chosen)),
      );
    case 'request-not-open':
      return [texts.requestNotOpen];
    case 'mentor-refused':
      return [texts.mentorRefused];
    case 'already-open':
      return [texts.alreadyOpen];
    case 'empty':
      return [texts.empty];
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { actor, region, language } = await requireDeskRegion(request, context);
  if (!region) return data<CohortReply>({ errors: ['coordination.noRegions'] }, { status: 400 });
  const submission = parseWithZod(await readForm(request), { schema: cohortSchema });
  if (submission.status !== 'success') {
    const reply = submission.reply();
    const fieldErrors = reply.error ?? {};
    return data<CohortReply>({ errors: Object.values(fieldErrors).flatMap((errors) => errors ?? []), fieldErrors }, { status: 400 });
  }
  const { keep, choice, message } = submission.value;
  const chosen = new Map(choice.map((value) => [value.slice(0, 36), value.slice(37)]));
  if (keep.some((requestId) => !chosen.has(requestId))) return data<CohortReply>({ errors: ['coordination.cohort.errors.invalidChoice'] }, { status: 400 });
  const pairs = [...new Set(keep)].map((requestId) => ({ requestId, mentorPoleId: chosen.get(requestId)! }));
  const outcome = await proposeCohort(context, { actorId: actor.userId, regionCode: region.code, pairs, message });
  if (outcome.status === 'proposed') {
    const note = await context.flash.put({ message: 'coordination.cohort.sent', values: { count: String(outcome.twinningIds.length) } });
    return redirect(deskPath(region.code), { headers: { 'Set-Cookie': note } });
  }
  return data<CohortReply>({ errors: refusalSentences(outcome, language) }, { status: outcome.status === 'empty' ? 400 : 409 });
}

export default function Cohort() {
  const { regions, region, cohort } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { t } = useTranslation();
  const { localName, number } = useLocalFormat();
  const messageErrors = reply?.fieldErrors?.message ?? undefined;
  return (
    <div className="space-y-8">
      <div className="max-w-3xl space-y-2">
        <h1 className="text-3xl font-bold">{t('coordination.cohort.title')}</h1>
        {region ? <p className="text-lg font-semibold">{t('coordination.desk.regionShown', { region: localName(region) })}</p> : null}
        <p className="text-gray-700">{t('coordination.cohort.intro')}</p>
        <Link to={deskPath(region?.code)} className="text-brand-800 underline">
          {t('coordination.cohort.back')}
        </Link>
      </div>
      <DeskRegionSelect regions={regions} region={region} />
      {!region || !cohort ? <p className="text-gray-700">{t('coordination.noRegions')}</p> : null}
      {cohort && cohort.proposals.length === 0 ? <p className="text-gray-700">{t('coordination.cohort.none')}</p> : null}
      {cohort && cohort.proposals.length > 0 ? (
        <Form method="post" className="space-y-4">
          <FormMessage errors={reply?.errors} />
          <div className="overflow-x-auto">
            <table className="min-w-full border-collapse text-left text-sm">
              <caption className="sr-only">{t('coordination.cohort.caption')}</caption>
              <thead className="border-b-2 border-gray-500 bg-gray-50">
                <tr>
                  {(['keep', 'request', 'pole', 'score'] as const).map((column) => (
                    <th key={column} scope="col" className="px-3 py-2 font-semibold text-gray-900">
                      {t(`coordination.cohort.${column}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {cohort.proposals.map((proposal) => (
                  <tr key={proposal.requestId} className="border-b border-gray-200 align-top">
                    <td className="px-3 py-2">
                      <input
                        type="checkbox"
                        name="keep"
                        value={proposal.requestId}
                        defaultChecked
                        className="h-5 w-5"
                        aria-label={t('coordination.cohort.keepLabel', { request: proposal.title })}
                      />
                    </td>
                    <th scope="row" className="px-3 py-2 font-medium">
                      <Link to={requestPath(proposal.requestId)} className="text-brand-800 underline">
                        {proposal.title}
                      </Link>
                      <span className="block font-normal text-gray-700">
                        <Link to={polePath(proposal.mentee.slug)} className="underline">
                          {proposal.mentee.name}
                        </Link>
                      </span>
                    </th>
                    <td className="px-3 py-2">
                      <label htmlFor={`choix-${proposal.requestId}`} className="sr-only">
                        {t('coordination.cohort.mentorLabel', { request: proposal.title })}
                      </label>
                      <select
                        id={`choix-${proposal.requestId}`}
                        name="choice"
                        defaultValue={`${proposal.requestId}:${proposal.poleId}`}
                        className={controlClass}
                      >
                        {proposal.options.map((option) => (
                          <option key={option.poleId} value={`${proposal.requestId}:${option.poleId}`}>
                            {t('coordination.cohort.option', { name: option.name, score: number(round(option.score)) })}
                          </option>
                        ))}
                      </select>
                      <div className="mt-1">
                        <Explanation explanation={proposal.explanation} />
                      </div>
                    </td>
                    <td className="px-3 py-2 tabular-nums">{number(round(proposal.score))}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="font-semibold">{t('coordination.cohort.total', { total: number(round(cohort.total)) })}</p>
          <p className="text-gray-700">{t('coordination.cohort.greedy', { total: number(round(cohort.greedyTotal)) })}</p>
          <div className="max-w-2xl">
            <label htmlFor="cohorte-message" className="block font-medium text-gray-900">
              {t('coordination.cohort.message')}
            </label>
            <textarea
              id="cohorte-message"
              name="message"
              rows={3}
              maxLength={limits.message.max}
              className={controlClass}
              aria-invalid={messageErrors?.length ? true : undefined}
              aria-describedby={messageErrors?.length ? 'cohorte-message-error' : undefined}
            />
            <ErrorList id="cohorte-message-error" errors={messageErrors} />
          </div>
          <SubmitButton>{t('coordination.cohort.submit')}</SubmitButton>
        </Form>
      ) : null}
      {cohort ? (
        <section aria-labelledby="sans-accompagnateur" className="space-y-2">
          <h2 id="sans-accompagnateur" className="text-2xl font-semibold">
            {t('coordination.cohort.unassigned')}
          </h2>
          {cohort.unassigned.length === 0 ? <p className="text-gray-700">{t('coordination.cohort.unassignedNone')}</p> : null}
          <ul className="list-disc pl-6">
            {cohort.unassigned.map((item) => (
              <li key={item.requestId}>
                <Link to={requestPath(item.requestId)} className="text-brand-800 underline">
                  {item.title}
                </Link>{' '}
                — {item.mentee.name}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

export const meta: MetaFunction = ({ matches }) => [{ title: metaCatalogue(matches).coordination.cohort.metaTitle }];
