import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { metaCatalogue, useLocalFormat } from '#app/components/format';
import { Card, EmptyState } from '#app/components/ui';
import { forumPath } from '#app/domain/paths';
import { listRegions, topicCounts } from '#app/models/forum.server';
import { requireSession } from '#app/utils/auth.server';
import { allowed, getActor } from '#app/utils/permissions.server';

/** `/forum`: the forums the person may read — their regions' and the national one (every region for the national admin). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireSession(request, context);
  const actor = await getActor(request, context);
  const [regions, counts] = await Promise.all([listRegions(context.db), topicCounts(context.db)]);
  const readable = (regionCode: string | null) => allowed(actor, { action: 'thread:read', thread: { kind: 'forum', regionCode } });
  const forums = [
    ...(readable(null) ? [{ regionCode: null, name: null, nameEn: null, topics: counts.get('') ?? 0 }] : []),
    ...regions
      .filter((region) => readable(region.code))
      .map((region) => ({ regionCode: region.code, name: region.name, nameEn: region.nameEn, topics: counts.get(region.code) ?? 0 })),
  ];
  return { forums };
}

export default function Forums() {
  const { forums } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const { localName } = useLocalFormat();
  return (
    <div className="max-w-3xl space-y-6">
      <div className="space-y-2">
        <h1 className="text-3xl font-bold text-gray-900">{t('forum.index.title')}</h1>
        <p className="text-gray-700">{t('forum.index.intro')}</p>
      </div>
      {forums.length === 0 ? (
        <EmptyState>{t('forum.index.empty')}</EmptyState>
      ) : (
        <ul className="space-y-3">
          {forums.map((forum) => (
            <Card as="li" key={forum.regionCode ?? 'national'} className="flex flex-wrap items-baseline justify-between gap-2">
              <Link to={forumPath(forum.regionCode)} className="text-lg font-semibold text-brand-800 underline">
                {forum.name && forum.nameEn
                  ? t('forum.index.regional', { region: localName({ name: forum.name, nameEn: forum.nameEn }) })
                  : t('forum.index.national')}
              </Link>
              <span className="text-sm text-gray-700">{t('forum.index.topics', { count: forum.topics })}</span>
            </Card>
          ))}
        </ul>
      )}
    </div>
  );
}

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaCatalogue(matches).forum.index.title} — Erasmus PTCE` }];
