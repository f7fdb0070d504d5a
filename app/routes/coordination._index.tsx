import { parseWithZod } from '@conform-to/zod';
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { metaCatalogue, useLocalFormat } from '#app/components/format';
import { FormMessage } from '#app/components/forms';
import { Card, EmptyState } from '#app/components/ui';
import { AskList, ClosedRequestList, MentorLoadTable, RegionTwinningsTable } from '#app/components/pairing/desk-lists';
import { deskActionPath, proposeFormId, type DeskReply } from '#app/components/pairing/desk-propose-form';
import { DeskRegionSelect } from '#app/components/pairing/desk-region-select';
import { SuggestionList } from '#app/components/pairing/desk-suggestions';
import { proposalSchema } from '#app/domain/pairing/lifecycle';
import { applicationsPath } from '#app/domain/poles/applications';
import { deskPath, polePath, requestPath, twinningPath } from '#app/domain/paths';
import { requireDeskRegion } from '#app/models/pairing-region.server';
import { dismissAsk, findAskRegion, listAsks, listRegionTwinnings, listUnpairedClosedRequests, loadDesk, proposeTwinning } from '#app/models/pairing.server';
import { countPendingApplications } from '#app/models/pole-applications.server';
import { findPoleRef } from '#app/models/poles.server';
import { coordinationOverview } from '#app/models/regions.server';
import { loadVocabulary } from '#app/models/vocabulary.server';
import { readForm } from '#app/utils/form.server';
import { notFound } from '#app/utils/http';
import { allowed, requirePermission } from '#app/utils/permissions.server';

const deskActionSchema = z.discriminatedUnion(
  'intent',
  [
    proposalSchema.extend({ intent: z.literal('propose') }),
    z.object({ intent: z.literal('dismiss'), askId: z.string({ required_error: 'pairing.errors.unknownAsk' }).uuid('pairing.errors.unknownAsk') }),
  ],
  { errorMap: () => ({ message: 'pairing.errors.unknownIntent' }) },
);

const proposalRefusals = {
  'same-pole': 'coordination.errors.samePole',
  'mentor-not-validated': 'coordination.errors.mentorNotValidated',
  'mentor-no-capacity': 'coordination.errors.mentorNoCapacity',
  'request-not-open': 'coordination.errors.requestNotOpen',
  'request-not-mentee': 'coordination.errors.requestNotMentee',
  'ask-not-open': 'coordination.errors.askNotOpen',
  'ask-mismatch': 'coordination.errors.askMismatch',
} as const;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { actor, regions, region, language } = await requireDeskRegion(request, context);
  if (!region) return { regions, region: null, content: null };
  const desk = await loadDesk(context.db, { regionCode: region.code, language });
  const coordinates = allowed(actor, { action: 'region:coordinate', regionCode: region.code });
  const [asks, twinnings, closed, overview, applications] = await Promise.all([
    listAsks(context.db, { regionCode: region.code, weights: desk.weights, language }),
    listRegionTwinnings(context.db, region.code),
    listUnpairedClosedRequests(context.db, region.code),
    coordinates ? coordinationOverview(context.db, { regionCodes: [region.code], pendingOnly: true }) : Promise.resolve([]),
    countPendingApplications(context.db, [region.code]),
  ]);
  const { regions: allRegions } = await loadVocabulary(context.db);
  return {
    regions,
    region,
    content: { ...desk, asks, twinnings, closed, pendingCount: overview[0]?.pendingCount ?? null, regionNames: allRegions, applications },
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, context, { action: 'coordination:access' });
  const submission = parseWithZod(await readForm(request), { schema: deskActionSchema });
  const payload = submission.payload as Record<string, string | undefined>;
  if (submission.status !== 'success') {
    const formId =
      payload.intent === 'propose'
        ? proposeFormId({
            mentorPoleId: payload.mentorPoleId ?? '',
            menteePoleId: payload.menteePoleId ?? '',
            requestId: payload.requestId,
            askId: payload.askId,
          })
        : `classer-${payload.askId ?? ''}`;
    return data<DeskReply>({ formId, result: submission.reply() }, { status: 400 });
  }
  const input = submission.value;
  if (input.intent === 'dismiss') {
    const regionCode = await findAskRegion(context.db, input.askId);
    if (!regionCode) throw notFound();
    await requirePermission(request, context, { action: 'pairing:desk', regionCode });
    const outcome = await dismissAsk(context.db, { askId: input.askId, actorId: actor.userId });
    if (outcome === 'not-open') {
      return data<DeskReply>(
        { formId: `classer-${input.askId}`, result: submission.reply({ formErrors: ['coordination.errors.askNotOpen'] }) },
        { status: 409 },
      );
    }
    const note = await context.flash.put({ message: 'coordination.notices.dismissed' });
    return redirect(deskPath(regionCode), { headers: { 'Set-Cookie': note } });
  }

  const [mentee, mentor] = await Promise.all([findPoleRef(context.db, input.menteePoleId), findPoleRef(context.db, input.mentorPoleId)]);
  if (!mentee || !mentor) throw notFound();
  await requirePermission(request, context, { action: 'twinning:propose', mentee });
  const outcome = await proposeTwinning(context, { ...input, actorId: actor.userId });
  const formId = proposeFormId(input);
  if (outcome.status === 'proposed') {
    const note = await context.flash.put({ message: 'coordination.notices.proposed', values: { mentor: mentor.name, mentee: mentee.name } });
    // Back to the desk, where the request now links to its proposed twinning.
    return redirect(deskPath(mentee.regionCode), { headers: { 'Set-Cookie': note } });
  }
  if (outcome.status === 'unknown-pole') throw notFound();
  const message = outcome.status === 'already-open' ? 'coordination.errors.alreadyOpen' : proposalRefusals[outcome.status];
  return data<DeskReply & { twinningId?: string }>(
    { formId, result: submission.reply({ formErrors: [message] }), ...(outcome.status === 'already-open' ? { twinningId: outcome.twinningId } : {}) },
    { status: 409 },
  );
}

export default function Desk() {
  const { regions, region, content } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { t } = useTranslation();
  const { localName, date } = useLocalFormat();
  const regionNames = Object.fromEntries((content?.regionNames ?? regions).map((item) => [item.code, localName(item)]));
  return (
    <div className="space-y-10">
      <div className="max-w-3xl space-y-2">
        <h1 className="text-3xl font-bold">{t('coordination.desk.title')}</h1>
        <p className="text-gray-700">{t('coordination.desk.intro')}</p>
      </div>
      <DeskRegionSelect regions={regions} region={region} />
      {!region || !content ? (
        <p className="text-gray-700">{t('coordination.noRegions')}</p>
      ) : (
        <>
          <p className="text-lg font-semibold">{t('coordination.desk.regionShown', { region: localName(region) })}</p>
          {reply && reply.formId.startsWith('classer-') ? <FormMessage errors={reply.result.error?.[''] ?? undefined} /> : null}
          <nav aria-label={t('coordination.nav.label')} className="flex flex-wrap gap-4">
            <Link to={`/coordination/cohorte?region=${region.code}`} className="font-semibold text-brand-800 underline">
              {t('coordination.desk.cohortLink')}
            </Link>
            <Link to={`/coordination/ponderations?region=${region.code}`} className="font-semibold text-brand-800 underline">
              {t('coordination.desk.weightsLink')}
            </Link>
            <Link to="/moderation" className="font-semibold text-brand-800 underline">
              {t('moderation.deskLink')}
            </Link>
            <Link to={applicationsPath(region.code)} className="font-semibold text-brand-800 underline">
              {t('joining.desk.deskLink', { count: content.applications })}
            </Link>
            {content.pendingCount !== null ? (
              <a href="#valider" className="font-semibold text-brand-800 underline">
                {t('coordination.desk.seeValidation')} ({t('coordination.desk.toValidate', { count: content.pendingCount })})
              </a>
            ) : null}
          </nav>

          <section aria-labelledby="demandes" className="space-y-4">
            <h2 id="demandes" className="text-2xl font-semibold">
              {t('coordination.desk.requests.title')}
            </h2>
            {content.requests.length === 0 ? <EmptyState>{t('coordination.desk.requests.none')}</EmptyState> : null}
            {content.requests.map((item) => (
              <Card as="article" key={item.request!.id} aria-labelledby={`demande-${item.request!.id}`}>
                <h3 id={`demande-${item.request!.id}`} className="text-xl font-semibold">
                  <Link to={requestPath(item.request!.id)} className="text-brand-800 underline">
                    {item.request!.title}
                  </Link>
                </h3>
                <p className="text-sm text-gray-700">
                  {t('coordination.desk.requests.openedOn', { date: date(item.request!.openedAt), pole: item.pole.name })}
                </p>
                {item.openTwinning ? (
                  <p className="mt-2">
                    <Link to={twinningPath(item.openTwinning.id)} className="font-semibold text-brand-800 underline">
                      {t('coordination.desk.requests.proposed')}
                    </Link>
                  </p>
                ) : (
                  <SuggestionList
                    action={deskActionPath(region.code)}
                    suggestions={item.suggestions}
                    menteePoleId={item.pole.id}
                    requestId={item.request!.id}
                    reply={reply}
                  />
                )}
              </Card>
            ))}
          </section>

          <section aria-labelledby="demandes-des-poles" className="space-y-4">
            <h2 id="demandes-des-poles" className="text-2xl font-semibold">
              {t('coordination.desk.asks.title')}
            </h2>
            <AskList action={deskActionPath(region.code)} asks={content.asks} reply={reply} />
          </section>

          <section aria-labelledby="emergents" className="space-y-4">
            <h2 id="emergents" className="text-2xl font-semibold">
              {t('coordination.desk.emerging.title')}
            </h2>
            {content.emerging.length === 0 ? <EmptyState>{t('coordination.desk.emerging.none')}</EmptyState> : null}
            {content.emerging.map((item) => (
              <Card as="article" key={item.pole.id} aria-labelledby={`emergent-${item.pole.id}`}>
                <h3 id={`emergent-${item.pole.id}`} className="text-xl font-semibold">
                  <Link to={polePath(item.pole.slug)} className="text-brand-800 underline">
                    {item.pole.name}
                  </Link>
                </h3>
                <SuggestionList action={deskActionPath(region.code)} suggestions={item.suggestions} menteePoleId={item.pole.id} reply={reply} />
              </Card>
            ))}
          </section>

          <section aria-labelledby="accompagnateurs" className="space-y-4">
            <h2 id="accompagnateurs" className="text-2xl font-semibold">
              {t('coordination.desk.mentors.title')}
            </h2>
            <MentorLoadTable mentors={content.mentors} regionNames={regionNames} />
          </section>

          <section aria-labelledby="jumelages" className="space-y-4">
            <h2 id="jumelages" className="text-2xl font-semibold">
              {t('coordination.desk.twinnings.title')}
            </h2>
            <RegionTwinningsTable twinnings={content.twinnings} />
          </section>

          <section aria-labelledby="fermees" className="space-y-4">
            <h2 id="fermees" className="text-2xl font-semibold">
              {t('coordination.desk.closed.title')}
            </h2>
            <ClosedRequestList requests={content.closed} />
          </section>
        </>
      )}
    </div>
  );
}

export const meta: MetaFunction = ({ matches }) => [{ title: metaCatalogue(matches).coordination.desk.metaTitle }];
