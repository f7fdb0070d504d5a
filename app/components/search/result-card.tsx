import { Link } from '@remix-run/react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { MaturityBadge, VerifiedBadge } from '#app/components/poles/badges';
import { PoleLogo } from '#app/components/poles/pole-logo';
import { useLocalFormat } from '#app/components/format';
import type { SearchKind, SearchResult, Segment } from '#app/models/search.server';
import { polePath } from '#app/domain/paths';
import { listPath } from './search-form';

/**
 * Text with the words the search matched in <mark>. Every piece is a React text node, so a
 * title such as « <script> » is shown as typed, never interpreted.
 */
export function Highlighted({ segments }: { segments: Segment[] }) {
  return (
    <>
      {segments.map((segment, index) =>
        segment.match ? (
          <mark key={index} className="rounded-sm bg-amber-100 px-0.5 font-semibold text-gray-900">
            {segment.text}
          </mark>
        ) : (
          <span key={index}>{segment.text}</span>
        ),
      )}
    </>
  );
}

function Detail({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="flex flex-wrap gap-x-1">
      <dt className="font-medium text-gray-900">{term}</dt>
      <dd className="text-gray-700">{children}</dd>
    </div>
  );
}

/** One offer or request in the results. */
export function ResultCard({ kind, result, origin }: { kind: SearchKind; result: SearchResult; origin: string | null }) {
  const { t } = useTranslation();
  const { localName, date } = useLocalFormat();
  const tags = [...result.topics, ...result.sectors];
  return (
    <article className="space-y-2 rounded-lg border border-gray-300 bg-white p-4 shadow-sm">
      <h3 className="text-lg font-semibold leading-snug">
        <Link to={`${listPath[kind]}/${result.id}`} className="text-brand-800 underline hover:text-brand-700">
          <Highlighted segments={result.title} />
        </Link>
      </h3>
      <div className="flex flex-wrap items-center gap-2 text-sm text-gray-700">
        <span className="flex items-center gap-2">
          <PoleLogo pole={result.pole} size="tiny" fallback="initials" decorative />
          <Link to={polePath(result.pole.slug)} className="font-medium text-brand-800 underline">
            {result.pole.name}
          </Link>
        </span>
        <span>{t('search.card.place', { town: result.pole.town, region: localName(result.region) })}</span>
        <MaturityBadge maturity={result.pole.maturity} />
        {result.pole.verified ? <VerifiedBadge /> : null}
        {result.distanceKm !== null && origin ? (
          <span>{t(result.distanceKm < 1 ? 'search.card.distanceNear' : 'search.card.distance', { km: result.distanceKm, pole: origin })}</span>
        ) : null}
      </div>
      <p className="text-gray-900">
        <Highlighted segments={result.excerpt} />
      </p>
      <dl className="space-y-1 text-sm">
        <Detail term={t(kind === 'offer' ? 'search.card.formats' : 'search.card.preferredFormats')}>
          {result.formats.map((format) => t(`market.formats.${format}`)).join(' · ')}
        </Detail>
        {result.reach ? <Detail term={t('search.card.reach')}>{t(`market.reach.${result.reach}`)}</Detail> : null}
        {result.urgency && result.state ? (
          <Detail term={t('search.card.status')}>
            {t(`market.requestStates.${result.state}`)} · {t(`market.urgency.${result.urgency}`)}
          </Detail>
        ) : null}
        {tags.length > 0 ? <Detail term={t('search.card.tags')}>{tags.map(localName).join(' · ')}</Detail> : null}
        {result.date ? (
          <Detail term={t(kind === 'offer' ? 'search.card.publishedOn' : 'search.card.updatedOn')}>
            <time dateTime={new Date(result.date).toISOString()}>{date(result.date)}</time>
          </Detail>
        ) : null}
      </dl>
    </article>
  );
}
