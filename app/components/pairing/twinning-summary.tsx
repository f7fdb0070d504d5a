import { Link } from '@remix-run/react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocalFormat } from '#app/components/format';
import { Card, EmptyState, Notice, quoteClass } from '#app/components/ui';
import type { TwinningSide, TwinningState } from '#app/domain/pairing/lifecycle';
import type { ExplanationEntry } from '#app/domain/pairing/scoring';
import { conversationPath, polePath, requestPath } from '#app/domain/paths';
import { Explanation } from './explanation';
import { twinningStateNotices } from './twinning-state';

type When = Date | string;
type RegionName = { code: string; name: string; nameEn: string };
type PoleSummary = { id: string; name: string; slug: string; region: RegionName };

type Summary = {
  state: string;
  mentor: PoleSummary;
  mentee: PoleSummary;
  request: { id: string; title: string } | null;
  threadId: string | null;
  message: string;
  score: number | null;
  reasons: ExplanationEntry[];
  proposedAt: When;
  proposedByName: string | null;
  expiresAt: When;
  activatedAt: When | null;
  endedAt: When | null;
  endedByName: string | null;
  endReason: string | null;
};
type SideSummary = { side: TwinningSide; pole: { id: string; name: string }; acceptedAt: When | null; acceptedByName: string | null };

/** The state, who still has to answer, the two poles, the request, and the coordinator's proposal with its reasons. */
export function TwinningSummary({ twinning, sides, canOpenConversation }: { twinning: Summary; sides: readonly SideSummary[]; canOpenConversation: boolean }) {
  const { t } = useTranslation();
  const { date, localName, number } = useLocalFormat();
  const waiting = sides.filter((entry) => entry.acceptedAt === null).map((entry) => entry.pole.name);
  const poleLink = (pole: PoleSummary) => (
    <>
      <Link to={polePath(pole.slug)} className="text-brand-800 underline">
        {pole.name}
      </Link>{' '}
      <span className="text-gray-700">({localName(pole.region)})</span>
    </>
  );
  return (
    <>
      <Notice as="section" tone={twinningStateNotices[twinning.state as TwinningState] ?? 'info'} aria-labelledby="state-title" className="space-y-2 p-4">
        <h2 id="state-title" className="text-lg font-semibold text-gray-900">
          {t('twinnings.page.state', { state: t(`pairing.states.${twinning.state}`) })}
        </h2>
        {twinning.state === 'proposed' && waiting.length ? (
          <p className="font-medium">{t('twinnings.page.waitingFor', { poles: waiting.join(', ') })}</p>
        ) : null}
        {twinning.state === 'proposed' ? <p>{t('twinnings.page.expiresAt', { date: date(twinning.expiresAt) })}</p> : null}
        {twinning.activatedAt && twinning.state === 'active' ? <p>{t('twinnings.page.activatedAt', { date: date(twinning.activatedAt) })}</p> : null}
        {twinning.endedAt ? (
          <p>
            {twinning.endedByName
              ? t('twinnings.page.endedBy', { name: twinning.endedByName, date: date(twinning.endedAt) })
              : t('twinnings.page.endedAt', { date: date(twinning.endedAt) })}
          </p>
        ) : null}
        {twinning.endReason ? <p>{t('twinnings.page.endReason', { reason: twinning.endReason })}</p> : null}
      </Notice>

      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2">
        <dt className="font-medium text-gray-700">{t('pairing.sides.mentor')}</dt>
        <dd>{poleLink(twinning.mentor)}</dd>
        <dt className="font-medium text-gray-700">{t('pairing.sides.mentee')}</dt>
        <dd>{poleLink(twinning.mentee)}</dd>
        <dt className="font-medium text-gray-700">{t('twinnings.page.request')}</dt>
        <dd>
          {twinning.request ? (
            <Link to={requestPath(twinning.request.id)} className="text-brand-800 underline">
              {twinning.request.title}
            </Link>
          ) : (
            t('twinnings.page.noRequest')
          )}
        </dd>
      </dl>
      {canOpenConversation && twinning.threadId ? (
        <p>
          <Link to={conversationPath(twinning.threadId)} className="font-semibold text-brand-800 underline">
            {t('twinnings.page.conversation')}
          </Link>
        </p>
      ) : null}

      <section aria-labelledby="answers-title" className="space-y-2">
        <h2 id="answers-title" className="text-xl font-semibold text-gray-900">
          {t('twinnings.page.answers')}
        </h2>
        <ul className="list-disc space-y-1 pl-6">
          {sides.map((entry) => (
            <li key={entry.side}>
              {entry.acceptedAt
                ? t('twinnings.page.acceptedBy', { pole: entry.pole.name, name: entry.acceptedByName ?? '', date: date(entry.acceptedAt) })
                : t('twinnings.page.notAnswered', { pole: entry.pole.name })}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="proposal-title" className="space-y-2">
        <h2 id="proposal-title" className="text-xl font-semibold text-gray-900">
          {t('twinnings.page.proposal')}
        </h2>
        <p>
          {twinning.proposedByName
            ? t('twinnings.page.proposedBy', { name: twinning.proposedByName, date: date(twinning.proposedAt) })
            : t('twinnings.page.proposedBySystem', { date: date(twinning.proposedAt) })}
        </p>
        {twinning.message ? (
          <figure className={quoteClass}>
            <figcaption className="text-sm font-medium text-gray-700">{t('twinnings.page.message')}</figcaption>
            <blockquote className="whitespace-pre-line text-gray-900">{twinning.message}</blockquote>
          </figure>
        ) : null}
        {twinning.reasons.length ? (
          <>
            <h3 className="font-semibold text-gray-900">{t('twinnings.page.why')}</h3>
            {twinning.score !== null ? <p>{t('twinnings.page.score', { score: number(Math.round(twinning.score * 10) / 10) })}</p> : null}
            <Explanation explanation={twinning.reasons} />
            <Explanation explanation={twinning.reasons} detailed />
          </>
        ) : null}
      </section>
    </>
  );
}

export function TwinningNotes({
  twinning,
  children,
}: {
  twinning: { notes: string; notesUpdatedAt: When | null; notesUpdatedByName: string | null };
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const { date } = useLocalFormat();
  return (
    <section aria-labelledby="notes-title" className="space-y-2">
      <h2 id="notes-title" className="text-xl font-semibold text-gray-900">
        {t('twinnings.notes.title')}
      </h2>
      {twinning.notesUpdatedAt ? (
        <p className="text-sm text-gray-700">
          {t('twinnings.notes.updated', { name: twinning.notesUpdatedByName ?? '', date: date(twinning.notesUpdatedAt) })}
        </p>
      ) : null}
      {children ?? <p className="whitespace-pre-line text-gray-900">{twinning.notes || t('twinnings.notes.empty')}</p>}
    </section>
  );
}

type EvaluationSummary = { side: TwinningSide; goalsReached: string; rating: number; learned: string; authorName: string | null };

/** Each side's closing evaluation, and whose is still awaited. */
export function TwinningEvaluations({
  twinning,
}: {
  twinning: { mentor: { name: string }; mentee: { name: string }; evaluations: readonly EvaluationSummary[] };
}) {
  const { t } = useTranslation();
  const nameOf = (side: TwinningSide) => (side === 'mentor' ? twinning.mentor.name : twinning.mentee.name);
  const missing = (['mentor', 'mentee'] as const).filter((side) => !twinning.evaluations.some((evaluation) => evaluation.side === side));
  return (
    <section aria-labelledby="evaluations-title" className="space-y-3">
      <h2 id="evaluations-title" className="text-xl font-semibold text-gray-900">
        {t('twinnings.evaluation.title')}
      </h2>
      {twinning.evaluations.length === 0 ? <EmptyState>{t('twinnings.evaluation.none')}</EmptyState> : null}
      {twinning.evaluations.map((evaluation) => (
        <Card as="article" key={evaluation.side}>
          <h3 className="font-semibold text-gray-900">{t('twinnings.evaluation.byPole', { pole: nameOf(evaluation.side) })}</h3>
          <p>{t('twinnings.evaluation.reached', { value: t(`pairing.goalsReached.${evaluation.goalsReached}`) })}</p>
          <p>{t('twinnings.evaluation.ratingValue', { rating: evaluation.rating })}</p>
          <p className="whitespace-pre-line text-gray-900">{evaluation.learned}</p>
        </Card>
      ))}
      {missing.map((side) => (
        <p key={side} className="text-gray-700">
          {t('twinnings.evaluation.missing', { pole: nameOf(side) })}
        </p>
      ))}
    </section>
  );
}
