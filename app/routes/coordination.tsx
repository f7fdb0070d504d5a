import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import { Form, Link, Outlet, useActionData, useLoaderData, useMatches, useSearchParams } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { metaCatalogue } from '#app/components/format';
import { FormMessage } from '#app/components/forms';
import { RegionPolesTable, type ValidationReply } from '#app/components/poles/region-poles-table';
import { buttonClass, panelClass } from '#app/components/ui';
import { validationActionSchema } from '#app/domain/poles/validation';
import { findPoleRef, unvalidatePole, validatePole } from '#app/models/poles.server';
import { requireDeskRegion } from '#app/models/pairing-region.server';
import { coordinationOverview } from '#app/models/regions.server';
import { requirePermission } from '#app/utils/permissions.server';
import { notFound } from '#app/utils/http';
import { readForm } from '#app/utils/form.server';

const pendingParam = 'a-valider';

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, context, { action: 'coordination:access' });
  const pendingOnly = new URL(request.url).searchParams.get(pendingParam) === '1';
  // A coordinator validates in all their regions at once; the national admin in the region the desk shows.
  const regionCodes = actor.isNationalAdmin ? [(await requireDeskRegion(request, context)).region?.code ?? ''].filter(Boolean) : actor.regionCodes;
  const regions = await coordinationOverview(context.db, { regionCodes, pendingOnly });
  return { regions, pendingOnly };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, context, { action: 'coordination:access' });
  const submission = parseWithZod(await readForm(request), { schema: validationActionSchema });
  const replyTo = { intent: String(submission.payload.intent ?? ''), poleId: String(submission.payload.poleId ?? '') };
  if (submission.status !== 'success') {
    return data<ValidationReply>({ ...replyTo, result: submission.reply() }, { status: 400 });
  }
  const pole = await findPoleRef(context.db, submission.value.poleId);
  if (!pole) throw notFound();
  // Coordinating some region is not enough: this pole must be in one of them.
  await requirePermission(request, context, { action: 'pole:validate', pole });

  const input = submission.value;
  const outcome =
    input.intent === 'validate'
      ? await validatePole(context.db, { poleId: pole.id, actorId: actor.userId })
      : await unvalidatePole(context.db, { poleId: pole.id, actorId: actor.userId, reason: input.reason });
  if (outcome === 'validated' || outcome === 'unvalidated') {
    const pendingOnly = new URL(request.url).searchParams.get(pendingParam) === '1';
    const note = await context.flash.put({ message: `coordination.notices.${outcome}`, values: { name: pole.name } });
    // The national admin comes back to the region of the pole.
    const back = new URLSearchParams([...(actor.isNationalAdmin ? [['region', pole.regionCode]] : []), ...(pendingOnly ? [[pendingParam, '1']] : [])]);
    return redirect(back.size > 0 ? `/coordination?${back}` : '/coordination', { headers: { 'Set-Cookie': note } });
  }
  const note = outcome === 'already-validated' ? 'coordination.errors.alreadyValidated' : 'coordination.errors.notValidated';
  return data<ValidationReply>({ ...replyTo, result: submission.reply({ formErrors: [note] }) }, { status: 409 });
}

/**
 * The coordination area's layout: its pages (the desk, the cohort, the weights) in the outlet;
 * under the desk, the poles to validate (this route's loader and action, as before the desk).
 */
export default function Coordination() {
  const { regions, pendingOnly } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { t } = useTranslation();
  const matches = useMatches();
  const [searchParams] = useSearchParams();
  const onDesk = matches.some((match) => match.id === 'routes/coordination._index');
  const formErrors = reply?.result.error?.[''];
  const region = searchParams.get('region');
  return (
    <div className="space-y-10">
      <Outlet />
      {onDesk && regions.length > 0 ? (
        <section id="valider" aria-labelledby="valider-titre" className="space-y-6">
          <div className="max-w-3xl space-y-2">
            <h2 id="valider-titre" className="text-2xl font-semibold">
              {t('coordination.title')}
            </h2>
            <p className="text-gray-700">{t('coordination.intro')}</p>
          </div>
          <FormMessage errors={formErrors} />
          <Form method="get" action="/coordination" aria-label={t('coordination.filter.label')} className={`${panelClass} flex flex-wrap items-center gap-4`}>
            {region ? <input type="hidden" name="region" value={region} /> : null}
            <div className="flex items-center gap-2">
              <input id="a-valider" type="checkbox" name={pendingParam} value="1" defaultChecked={pendingOnly} className="h-5 w-5" />
              <label htmlFor="a-valider" className="font-medium text-gray-900">
                {t('coordination.filter.pendingOnly')}
              </label>
            </div>
            <button type="submit" className={buttonClass()}>
              {t('coordination.filter.submit')}
            </button>
            <Link to={region ? `/coordination?region=${region}#valider` : '/coordination#valider'} className="text-brand-800 underline">
              {t('coordination.filter.reset')}
            </Link>
          </Form>
          {regions.map((item) => (
            <RegionPolesTable key={item.code} region={item} pendingOnly={pendingOnly} reply={reply} />
          ))}
        </section>
      ) : null}
    </div>
  );
}

export const meta: MetaFunction = ({ matches }) => [{ title: metaCatalogue(matches).coordination.metaTitle }];
