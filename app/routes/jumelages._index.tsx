import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { metaCatalogue, useLocalFormat } from '#app/components/format';
import { PoleTag } from '#app/components/poles/pole-tag';
import { EmptyState } from '#app/components/ui';
import { twinningStates } from '#app/domain/pairing/lifecycle';
import { twinningPath } from '#app/domain/paths';
import { logoStampsBySlug } from '#app/models/pole-logos.server';
import { followsTwinnings, listTwinningsFor } from '#app/models/twinnings.server';
import { requireSession } from '#app/utils/auth.server';
import { getActor } from '#app/utils/permissions.server';
import { notFound } from '#app/utils/http';

/** The twinnings the person follows (their poles', their regions', or all for a national admin), by state. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireSession(request, context);
  const actor = await getActor(request, context);
  if (!actor || !followsTwinnings(actor)) throw notFound();
  const twinnings = await listTwinningsFor(context.db, actor);
  const logos = await logoStampsBySlug(
    context.db,
    twinnings.flatMap((twinning) => [twinning.mentor.slug, twinning.mentee.slug]),
  );
  const groups = twinningStates
    .map((state) => ({ state, twinnings: twinnings.filter((twinning) => twinning.state === state) }))
    .filter((group) => group.twinnings.length > 0);
  return { groups, logos };
}

export default function Twinnings() {
  const { groups, logos } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const { date } = useLocalFormat();
  return (
    <div className="space-y-8">
      <div className="max-w-3xl space-y-2">
        <h1 className="text-3xl font-bold">{t('twinnings.list.title')}</h1>
        <p className="text-gray-700">{t('twinnings.list.intro')}</p>
      </div>
      {groups.length === 0 ? <EmptyState>{t('twinnings.list.empty')}</EmptyState> : null}
      {groups.map((group) => (
        <section key={group.state} aria-labelledby={`state-${group.state}`} className="space-y-2">
          <h2 id={`state-${group.state}`} className="text-xl font-semibold text-gray-900">
            {t(`pairing.states.${group.state}`)} ({group.twinnings.length})
          </h2>
          <div className="overflow-x-auto">
            <table className="stack-table w-full border-collapse text-left">
              <caption className="sr-only">{t('twinnings.list.caption', { state: t(`pairing.states.${group.state}`) })}</caption>
              <thead>
                <tr className="border-b border-gray-300">
                  <th scope="col" className="py-2 pr-4">
                    {t('twinnings.list.mentor')}
                  </th>
                  <th scope="col" className="py-2 pr-4">
                    {t('twinnings.list.mentee')}
                  </th>
                  <th scope="col" className="py-2 pr-4">
                    {t('twinnings.list.request')}
                  </th>
                  <th scope="col" className="py-2 pr-4">
                    {t('twinnings.list.since')}
                  </th>
                  <th scope="col" className="py-2">
                    <span className="sr-only">{t('twinnings.list.open')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {group.twinnings.map((twinning) => (
                  <tr key={twinning.id} className="border-b border-gray-200">
                    <td className="py-2 pr-4" data-label={t('twinnings.list.mentor')}>
                      <PoleTag pole={{ ...twinning.mentor, logoUpdatedAt: logos[twinning.mentor.slug] ?? null }} />
                    </td>
                    <td className="py-2 pr-4" data-label={t('twinnings.list.mentee')}>
                      <PoleTag pole={{ ...twinning.mentee, logoUpdatedAt: logos[twinning.mentee.slug] ?? null }} />
                    </td>
                    <td className="py-2 pr-4" data-label={t('twinnings.list.request')}>
                      {twinning.requestTitle ?? t('twinnings.list.noRequest')}
                    </td>
                    <td className="py-2 pr-4" data-label={t('twinnings.list.since')}>
                      {date(twinning.endedAt ?? twinning.activatedAt ?? twinning.proposedAt)}
                    </td>
                    <td className="py-2">
                      <Link to={twinningPath(twinning.id)} className="font-semibold text-brand-800 underline">
                        {t('twinnings.list.open')}
                        <span className="sr-only">
                          {' '}
                          {twinning.mentor.name} — {twinning.mentee.name}
                        </span>
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </div>
  );
}

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaCatalogue(matches).twinnings.list.metaTitle} — Erasmus PTCE` }];
