import { parseWithZod } from '@conform-to/zod';
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { metaCatalogue } from '#app/components/format';
import { AskForm, AskPlanTable, type AskPlan, type Coordination } from '#app/components/pairing/ask-form';
import { Card, Notice } from '#app/components/ui';
import { askSchema } from '#app/domain/pairing/lifecycle';
import { polePath } from '#app/domain/paths';
import { coordinationsOf, createTwinningAsk, findAskPole, planOfAsk, polesOfPerson } from '#app/models/twinning-asks.server';
import { requireSession } from '#app/utils/auth.server';
import { readForm } from '#app/utils/form.server';
import { notFound } from '#app/utils/http';
import { blockedReason } from '#app/utils/market-routes.server';
import { can, getActor, requirePermission } from '#app/utils/permissions.server';
import type { Database } from '#db/client';

/** The pole asked for, from `?avec=<slug>`; an unknown or missing slug is not found. */
async function withPoleOf(request: Request, db: Database) {
  const slug = new URL(request.url).searchParams.get('avec');
  const pole = slug ? await findAskPole(db, { slug }) : null;
  if (!pole) throw notFound();
  return pole;
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const session = await requireSession(request, context);
  const withPole = await withPoleOf(request, context.db);
  const actor = await getActor(request, context);
  const decisions = (await polesOfPerson(context.db, session.user.id)).map((pole) => ({
    pole,
    decision: can(actor, { action: 'twinning:ask', fromPole: pole, withPole }),
  }));
  const askingPoles = decisions.flatMap(({ pole, decision }) => (decision.ok ? [pole] : []));
  const plans = askingPoles.map((pole) => planOfAsk(pole, withPole));
  const coordinations = await coordinationsOf(
    context.db,
    plans.flatMap((plan) => [plan.regionCode, ...(plan.informedRegionCode ? [plan.informedRegionCode] : [])]),
  );
  const coordination = (code: string): Coordination => {
    const row = coordinations.find((item) => item.code === code);
    return { region: { name: row?.name ?? code, nameEn: row?.nameEn ?? code }, bodyName: row?.bodyName ?? null };
  };
  return {
    withPole: { id: withPole.id, name: withPole.name, slug: withPole.slug },
    poles: askingPoles.map(({ id, name }) => ({ id, name })),
    plans: plans.map((plan, index): AskPlan => ({
      fromPole: { id: askingPoles[index]!.id, name: askingPoles[index]!.name },
      mentorName: plan.mentor.name,
      menteeName: plan.mentee.name,
      desk: coordination(plan.regionCode),
      informed: plan.informedRegionCode ? coordination(plan.informedRegionCode) : null,
    })),
    blocked: askingPoles.length ? null : blockedReason(decisions.flatMap(({ decision }) => (decision.ok ? [] : [decision.reason]))),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireSession(request, context);
  const withPole = await withPoleOf(request, context.db);
  const form = await readForm(request);
  // The pole asked for is the page's, whatever the form says.
  form.set('withPoleId', withPole.id);
  const submission = parseWithZod(form, { schema: askSchema });
  if (submission.status !== 'success') return data({ result: submission.reply(), pairedTwinningId: null }, { status: 400 });
  const fromPole = await findAskPole(context.db, { id: submission.value.fromPoleId });
  if (!fromPole) {
    return data({ result: submission.reply({ fieldErrors: { fromPoleId: ['pairing.errors.unknownPole'] } }), pairedTwinningId: null }, { status: 400 });
  }
  // The person must belong to the asking pole, it must be validated, and not be the pole asked for.
  const actor = await requirePermission(request, context, { action: 'twinning:ask', fromPole, withPole });

  const outcome = await createTwinningAsk(context, {
    actorId: actor.userId,
    fromPoleId: fromPole.id,
    withPoleId: withPole.id,
    message: submission.value.message,
    appUrl: context.env.appUrl,
  });
  if (outcome.status === 'unknown-pole') throw notFound();
  if (outcome.status === 'already-asked') {
    return data({ result: submission.reply({ formErrors: ['followUp.errors.alreadyAsked'] }), pairedTwinningId: null }, { status: 409 });
  }
  if (outcome.status === 'already-paired') {
    return data({ result: submission.reply({ formErrors: ['followUp.errors.alreadyPaired'] }), pairedTwinningId: outcome.twinningId }, { status: 409 });
  }
  const note = await context.flash.put({ message: 'followUp.notices.asked', values: { pole: withPole.name } });
  return redirect(polePath(withPole.slug), { headers: { 'Set-Cookie': note } });
}

export default function AskTwinning() {
  const { withPole, poles, plans, blocked } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <div className="max-w-4xl space-y-6">
      <p>
        <Link to={polePath(withPole.slug)} className="text-brand-800 underline">
          <span aria-hidden="true">← </span>
          {t('followUp.ask.back')}
        </Link>
      </p>
      <div className="space-y-2">
        <h1 className="text-3xl font-bold text-gray-900">{t('followUp.ask.title', { pole: withPole.name })}</h1>
        <p className="text-gray-700">{t('followUp.ask.intro')}</p>
      </div>
      {blocked ? (
        <Notice tone="warning" role="note">
          {t(`followUp.ask.blocked.${blocked}`)}
        </Notice>
      ) : (
        <>
          <AskPlanTable plans={plans} withPoleName={withPole.name} />
          <Card as="section" aria-labelledby="ask-form-title" className="space-y-3">
            <h2 id="ask-form-title" className="text-xl font-semibold text-gray-900">
              {t('followUp.ask.formTitle')}
            </h2>
            <AskForm withPoleId={withPole.id} poles={poles} lastResult={actionData?.result} pairedTwinningId={actionData?.pairedTwinningId} />
          </Card>
        </>
      )}
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const { followUp } = metaCatalogue(matches);
  const title = data ? followUp.ask.title.replace('{{pole}}', data.withPole.name) : followUp.metaTitle;
  return [{ title: `${title} — Erasmus PTCE` }];
};
