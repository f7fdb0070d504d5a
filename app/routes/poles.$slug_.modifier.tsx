import type { SubmissionResult } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { errorTitle } from '#app/components/error-page';
import { metaCatalogue } from '#app/components/format';
import { ProfileForm } from '#app/components/poles/profile-form';
import { createProfileSchema, logoMaxBytes, type LogoType } from '#app/domain/poles/profile';
import { getProfileEditor, listSectorSlugs, listTopicSlugs, updatePoleProfile, type LogoChange } from '#app/models/pole-profile.server';
import { findPoleRefBySlug } from '#app/models/poles.server';
import { requirePermission } from '#app/utils/permissions.server';
import { readUploadForm, uploadBodyLimitBytes } from '#app/utils/form.server';
import { withSniffedImageType } from '#app/utils/upload.server';
import { notFound } from '#app/utils/http';
import { polePath } from '#app/domain/paths';

/**
 * Memory stays bounded whatever is sent: the logo is kept up to its limit (+1 byte, to say "too
 * big"), a photo straight from a phone is read through and answered beside the field, and past
 * 16 MiB reading stops and the page says the form was too heavy to be read.
 */
// Parts: every box of the form ticked (sectors, topics, languages) plus its other fields stays well under.
const uploadLimits = { maxFileBytes: logoMaxBytes, maxFileStreamBytes: uploadBodyLimitBytes, maxFieldBytes: 64 * 1024, maxParts: 128 };

const tooLargeReply: SubmissionResult<string[]> = { status: 'error', error: { '': ['profile.errors.requestTooLarge'] } };

// The permission depends on the pole, so the pole is looked up before the guard.
async function requireEditablePole({ request, context, params }: LoaderFunctionArgs) {
  const pole = await findPoleRefBySlug(context.db, params.slug ?? '');
  if (!pole) throw notFound();
  const actor = await requirePermission(request, context, { action: 'pole:edit', pole });
  return { pole, actor };
}

export async function loader(args: LoaderFunctionArgs) {
  const { pole } = await requireEditablePole(args);
  const editor = await getProfileEditor(args.context.db, pole.id);
  if (!editor) throw notFound();
  const { logoUpdatedAt, ...profile } = editor.profile;
  return {
    pole: { slug: pole.slug, name: pole.name, logoUpdatedAt },
    profile,
    sectorOptions: editor.sectorOptions,
    topicOptions: editor.topicOptions,
    activeLoad: editor.activeLoad,
  };
}

export async function action(args: ActionFunctionArgs) {
  const { pole, actor } = await requireEditablePole(args);
  const { request, context } = args;
  const { tooLarge, formData } = await readUploadForm(request, uploadLimits);
  if (tooLarge) return data({ result: tooLargeReply, activeLoad: null }, { status: 413 });
  const logoFile = formData.get('logo');
  if (logoFile instanceof File) formData.set('logo', await withSniffedImageType(logoFile));
  const [sectorSlugs, topicSlugs] = await Promise.all([listSectorSlugs(context.db), listTopicSlugs(context.db)]);
  const schema = createProfileSchema(sectorSlugs, topicSlugs);
  const submission = parseWithZod(formData, { schema });
  if (submission.status !== 'success') {
    // A file cannot be sent back to the page; the browser asks for it again.
    return data({ result: submission.reply({ hideFields: ['logo'] }), activeLoad: null }, { status: 400 });
  }
  const { logo, removeLogo, mentoringCapacity, mentoringTopics, languages, ...values } = submission.value;
  const logoChange: LogoChange = logo
    ? { kind: 'replace', contentType: logo.type as LogoType, bytes: new Uint8Array(await logo.arrayBuffer()) }
    : removeLogo
      ? { kind: 'remove' }
      : { kind: 'keep' };
  const saved = await updatePoleProfile(context.db, {
    poleId: pole.id,
    actorId: actor.userId,
    changes: {
      ...values,
      foundedYear: values.foundedYear ?? null,
      memberCount: values.memberCount ?? null,
      website: values.website ?? null,
      publicContact: values.publicContact ?? null,
      mentoring: { capacity: mentoringCapacity, topics: mentoringTopics, languages },
    },
    logo: logoChange,
  });
  if (!saved) throw notFound();
  if (saved.refused) {
    // Nothing was saved: the message beside the capacity says how many twinnings are under way.
    const result = submission.reply({ fieldErrors: { mentoringCapacity: ['profile.errors.capacityBelowLoad'] }, hideFields: ['logo'] });
    return data({ result, activeLoad: saved.activeLoad }, { status: 400 });
  }
  const note = await context.flash.put({ message: 'profile.notices.saved', values: { name: pole.name } });
  return redirect(polePath(pole.slug), { headers: { 'Set-Cookie': note } });
}

export default function EditPoleProfile() {
  const { pole, profile, sectorOptions, topicOptions, activeLoad } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <div className="space-y-6">
      <p>
        <Link to={polePath(pole.slug)} className="text-brand-800 underline">
          <span aria-hidden="true">← </span>
          {t('profile.editor.back', { name: pole.name })}
        </Link>
      </p>
      <div className="max-w-3xl space-y-2">
        <h1 className="text-3xl font-bold">{t('profile.editor.title', { name: pole.name })}</h1>
        <p className="text-gray-700">{t('profile.editor.intro')}</p>
      </div>
      <ProfileForm
        pole={pole}
        profile={profile}
        sectorOptions={sectorOptions}
        topicOptions={topicOptions}
        // After a refused capacity, the load counted under the lock, not the one the page was drawn with.
        activeLoad={actionData?.activeLoad ?? activeLoad}
        lastResult={actionData?.result}
      />
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches, error }) => {
  const catalogue = metaCatalogue(matches);
  return [{ title: data ? `${catalogue.profile.editor.metaTitle} ${data.pole.name} — Erasmus PTCE` : `${errorTitle(error, catalogue.errors)} — Erasmus PTCE` }];
};
