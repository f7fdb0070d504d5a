import { parseWithZod } from '@conform-to/zod';
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { metaCatalogue, useLocalFormat } from '#app/components/format';
import { CoordinationFrame } from '#app/components/coordination/page-frame';
import { acceptFormId, ApplicationCard, declineFormId, type ApplicationReply } from '#app/components/joining/application-card';
import { Card, EmptyState } from '#app/components/ui';
import { applicationsPath, decisionSchema } from '#app/domain/poles/applications';
import { deskPath, polePath } from '#app/domain/paths';
import { decideApplication, findApplicationRegion, listApplications } from '#app/models/pole-applications.server';
import { loadVocabulary } from '#app/models/vocabulary.server';
import { readForm } from '#app/utils/form.server';
import { notFound } from '#app/utils/http';
import { requirePermission, type Actor } from '#app/utils/permissions.server';

/**
 * The applications desk (« Inscrire mon pôle »): the pending applications of the regions the person
 * coordinates (every region for the national admin), oldest first, each accepted or declined here.
 * `?region=<code>` shows one region; a region the person does not coordinate answers 404.
 */

async function reviewedRegions(context: LoaderFunctionArgs['context'], actor: Actor) {
  const { regions } = await loadVocabulary(context.db);
  return actor.isNationalAdmin ? regions : regions.filter((region) => actor.regionCodes.has(region.code));
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, context, { action: 'coordination:access' });
  const regions = await reviewedRegions(context, actor);
  const asked = new URL(request.url).searchParams.get('region');
  if (asked) await requirePermission(request, context, { action: 'pole-application:review', regionCode: asked });
  const shown = asked ? regions.filter((region) => region.code === asked) : regions;
  if (asked && shown.length === 0) throw notFound();
  const { pending, decided } = await listApplications(
    context.db,
    shown.map((region) => region.code),
  );
  return { regions, region: asked, pending, decided };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, context, { action: 'coordination:access' });
  const submission = parseWithZod(await readForm(request), { schema: decisionSchema });
  const payload = submission.payload as Record<string, string | undefined>;
  const formId = payload.intent === 'decline' ? declineFormId(payload.applicationId ?? '') : acceptFormId(payload.applicationId ?? '');
  if (submission.status !== 'success') return data<ApplicationReply>({ formId, result: submission.reply() }, { status: 400 });
  const input = submission.value;
  const regionCode = await findApplicationRegion(context.db, input.applicationId);
  if (!regionCode) throw notFound();
  // Coordinating some region is not enough: the application must be in one of the person's.
  await requirePermission(request, context, { action: 'pole-application:review', regionCode });
  const outcome = await decideApplication(context, {
    ...(input.intent === 'accept' ? { decision: 'accept', target: input.target } : { decision: 'decline', reason: input.reason }),
    applicationId: input.applicationId,
    actorId: actor.userId,
    appUrl: context.env.appUrl,
  });
  const back = applicationsPath(new URL(request.url).searchParams.get('region') ?? undefined);
  switch (outcome.status) {
    case 'not-found':
      throw notFound();
    case 'already-decided':
      return data<ApplicationReply>({ formId, result: submission.reply({ formErrors: ['joining.errors.alreadyDecided'] }) }, { status: 409 });
    case 'unknown-pole':
      return data<ApplicationReply>({ formId, result: submission.reply({ formErrors: ['joining.errors.unknownPole'] }) }, { status: 400 });
    case 'declined': {
      const note = await context.flash.put({ message: 'joining.desk.notices.declined', values: { name: outcome.poleName } });
      return redirect(back, { headers: { 'Set-Cookie': note } });
    }
    case 'accepted': {
      const message = outcome.invited ? 'joining.desk.notices.accepted' : 'joining.desk.notices.acceptedNoInvitation';
      const note = await context.flash.put({ message, values: { name: outcome.pole.name } });
      return redirect(back, { headers: { 'Set-Cookie': note } });
    }
  }
}

export default function ApplicationsDesk() {
  const { regions, region, pending, decided } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { t } = useTranslation();
  const { localName, date } = useLocalFormat();
  const regionName = (code: string) => {
    const found = regions.find((item) => item.code === code);
    return found ? localName(found) : code;
  };
  const formAction = applicationsPath(region ?? undefined);
  return (
    <CoordinationFrame
      className="space-y-8"
      title={t('joining.desk.title')}
      intro={t('joining.desk.intro')}
      links={[
        { to: deskPath(region ?? undefined), label: t('coordination.desk.title') },
        { to: '/coordination/contact', label: t('joining.desk.contactLink') },
      ]}
      choice={{
        name: 'region',
        label: t('joining.desk.regionLabel'),
        emptyLabel: t('joining.desk.allRegions'),
        value: region ?? undefined,
        options: regions.map((item) => ({ value: item.code, label: localName(item) })),
        submit: t('joining.desk.regionSubmit'),
      }}
    >
      <section aria-labelledby="en-attente" className="space-y-4">
        <h2 id="en-attente" className="text-2xl font-semibold">
          {t('joining.desk.pendingTitle')}
        </h2>
        {pending.length === 0 ? <EmptyState>{t('joining.desk.none')}</EmptyState> : null}
        {pending.map((application) => (
          <ApplicationCard key={application.id} application={application} regionName={regionName(application.regionCode)} action={formAction} reply={reply} />
        ))}
      </section>

      <section aria-labelledby="decisions" className="space-y-3">
        <h2 id="decisions" className="text-2xl font-semibold">
          {t('joining.desk.decidedTitle')}
        </h2>
        {decided.length === 0 ? <p className="text-gray-700">{t('joining.desk.decidedNone')}</p> : null}
        <ul className="space-y-2">
          {decided.map((item) => (
            <Card as="li" key={item.id}>
              <p className="font-semibold">
                {item.poleName} <span className="font-normal text-gray-700">— {regionName(item.regionCode)}</span>
              </p>
              <p className="break-words">
                {item.state === 'accepted'
                  ? t('joining.desk.decidedAccepted', { date: date(item.decidedAt!), person: item.decidedBy ?? '—' })
                  : t('joining.desk.decidedDeclined', { date: date(item.decidedAt!), person: item.decidedBy ?? '—', reason: item.decisionNote ?? '' })}
                {item.state === 'accepted' && item.poleSlug ? (
                  <>
                    {' '}
                    (
                    <Link to={polePath(item.poleSlug)} className="text-brand-800 underline">
                      {t('joining.desk.seePole')}
                    </Link>
                    )
                  </>
                ) : null}
              </p>
            </Card>
          ))}
        </ul>
      </section>
    </CoordinationFrame>
  );
}

export const meta: MetaFunction = ({ matches }) => [{ title: metaCatalogue(matches).joining.desk.metaTitle }];
