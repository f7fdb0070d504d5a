import { Form, Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { SubmitButton } from '#app/components/forms';
import { useLocalFormat } from '#app/components/format';
import { Explanation } from '#app/components/pairing/explanation';
import { buttonClass, Card, EmptyState, Pill, quoteClass } from '#app/components/ui';
import type { ExplanationEntry } from '#app/domain/pairing/scoring';
import { polePath, requestPath, twinningPath } from '#app/domain/paths';
import { ProposeForm, smallButton, type DeskReply } from './desk-propose-form';
import { twinningStatePills } from './twinning-state';

type Pole = { id: string; slug: string; name: string };
type When = Date | string;

const tableClass = 'stack-table min-w-full border-collapse text-left text-sm';
const headClass = 'px-3 py-2 font-semibold text-gray-900';

function PoleLink({ pole }: { pole: Pole }) {
  return (
    <Link to={polePath(pole.slug)} className="text-brand-800 underline">
      {pole.name}
    </Link>
  );
}

export type AskItem = {
  id: string;
  fromPole: Pole;
  mentor: Pole;
  mentee: Pole;
  message: string;
  createdAt: When;
  suggestion: { score: number; explanation: ExplanationEntry[] } | null;
};

/** The poles' asks: who asks for whom, why, the pair's score and reasons, « Proposer » and « Classer ». */
export function AskList({ action, asks, reply }: { action: string; asks: readonly AskItem[]; reply?: DeskReply }) {
  const { t } = useTranslation();
  const { date, number } = useLocalFormat();
  if (asks.length === 0) return <EmptyState>{t('coordination.desk.asks.none')}</EmptyState>;
  return (
    <ul className="space-y-3">
      {asks.map((ask) => (
        <Card as="li" key={ask.id}>
          <p className="font-semibold">{t('coordination.desk.asks.from', { from: ask.fromPole.name, mentor: ask.mentor.name, mentee: ask.mentee.name })}</p>
          <p className="text-sm text-gray-700">{t('coordination.desk.asks.askedOn', { date: date(ask.createdAt) })}</p>
          <blockquote className={`${quoteClass} my-2`}>{ask.message}</blockquote>
          {ask.suggestion ? (
            <>
              <p className="text-sm">{t('coordination.desk.suggestions.score', { score: number(Math.round(ask.suggestion.score * 10) / 10) })}</p>
              <Explanation explanation={ask.suggestion.explanation} />
            </>
          ) : (
            <p className="text-sm text-gray-700">{t('coordination.desk.asks.noScore')}</p>
          )}
          <div className="flex flex-wrap items-end gap-6">
            <ProposeForm
              action={action}
              mentorPoleId={ask.mentor.id}
              menteePoleId={ask.mentee.id}
              askId={ask.id}
              mentorName={ask.mentor.name}
              reply={reply}
              short
            />
            <Form method="post" action={action}>
              <input type="hidden" name="intent" value="dismiss" />
              <input type="hidden" name="askId" value={ask.id} />
              <SubmitButton className={buttonClass('secondary', 'sm')}>
                {t('coordination.desk.asks.dismiss')}
                <span className="sr-only"> — {ask.mentee.name}</span>
              </SubmitButton>
            </Form>
          </div>
        </Card>
      ))}
    </ul>
  );
}

export type MentorLoadItem = { poleId: string; slug: string; name: string; region: string; capacity: number; activeLoad: number; proposedLoad: number };

/** The poles that may mentor in the region, with « 1 jumelage en cours sur 3 possibles · 1 proposition en attente ». */
export function MentorLoadTable({ mentors, regionNames }: { mentors: readonly MentorLoadItem[]; regionNames: Record<string, string> }) {
  const { t } = useTranslation();
  if (mentors.length === 0) return <EmptyState>{t('coordination.desk.mentors.none')}</EmptyState>;
  return (
    <div className="overflow-x-auto">
      <table className={tableClass}>
        <caption className="sr-only">{t('coordination.desk.mentors.caption')}</caption>
        <thead className="border-b-2 border-gray-500 bg-gray-50">
          <tr>
            <th scope="col" className={headClass}>
              {t('coordination.desk.mentors.pole')}
            </th>
            <th scope="col" className={headClass}>
              {t('coordination.desk.mentors.region')}
            </th>
            <th scope="col" className={headClass}>
              {t('coordination.desk.mentors.load')}
            </th>
          </tr>
        </thead>
        <tbody>
          {mentors.map((mentor) => (
            <tr key={mentor.poleId} className="border-b border-gray-200">
              <th scope="row" className="px-3 py-2 font-medium">
                <PoleLink pole={{ id: mentor.poleId, slug: mentor.slug, name: mentor.name }} />
              </th>
              <td className="px-3 py-2" data-label={t('coordination.desk.mentors.region')}>
                {regionNames[mentor.region] ?? mentor.region}
              </td>
              <td className="px-3 py-2" data-label={t('coordination.desk.mentors.load')}>
                {t('coordination.desk.mentors.load', { count: mentor.activeLoad, capacity: mentor.capacity })}
                {mentor.proposedLoad > 0 ? t('coordination.desk.mentors.pending', { count: mentor.proposedLoad }) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export type TwinningItem = { id: string; state: 'proposed' | 'active'; mentor: Pole; mentee: Pole; since: When };

export function RegionTwinningsTable({ twinnings }: { twinnings: readonly TwinningItem[] }) {
  const { t } = useTranslation();
  const { date } = useLocalFormat();
  if (twinnings.length === 0) return <EmptyState>{t('coordination.desk.twinnings.none')}</EmptyState>;
  return (
    <div className="overflow-x-auto">
      <table className={tableClass}>
        <caption className="sr-only">{t('coordination.desk.twinnings.caption')}</caption>
        <thead className="border-b-2 border-gray-500 bg-gray-50">
          <tr>
            <th scope="col" className={headClass}>
              {t('coordination.desk.twinnings.pair')}
            </th>
            <th scope="col" className={headClass}>
              {t('coordination.desk.twinnings.state')}
            </th>
            <th scope="col" className={headClass}>
              {t('coordination.desk.twinnings.since')}
            </th>
          </tr>
        </thead>
        <tbody>
          {twinnings.map((twinning) => (
            <tr key={twinning.id} className="border-b border-gray-200">
              <th scope="row" className="px-3 py-2 font-medium">
                <Link to={twinningPath(twinning.id)} className="text-brand-800 underline">
                  {t('coordination.desk.twinnings.pairName', { mentor: twinning.mentor.name, mentee: twinning.mentee.name })}
                </Link>
              </th>
              <td className="px-3 py-2" data-label={t('coordination.desk.twinnings.state')}>
                <Pill tone={twinningStatePills[twinning.state]}>{t(`pairing.states.${twinning.state}`)}</Pill>
              </td>
              <td className="px-3 py-2" data-label={t('coordination.desk.twinnings.since')}>
                {date(twinning.since)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export type ClosedRequestItem = { id: string; title: string; pole: Pole; autoClosedAt: When };

/** Requests the job closed for lack of pairing, each with « Rouvrir » (handled by /coordination/demandes/<id>/rouvrir). */
export function ClosedRequestList({ requests }: { requests: readonly ClosedRequestItem[] }) {
  const { t } = useTranslation();
  const { date } = useLocalFormat();
  if (requests.length === 0) return <EmptyState>{t('coordination.desk.closed.none')}</EmptyState>;
  return (
    <ul className="space-y-2">
      {requests.map((request) => (
        <li key={request.id} className="flex flex-wrap items-center gap-3">
          <span>
            <Link to={requestPath(request.id)} className="text-brand-800 underline">
              {request.title}
            </Link>{' '}
            — <PoleLink pole={request.pole} /> — {t('coordination.desk.closed.closedOn', { date: date(request.autoClosedAt) })}
          </span>
          <form method="post" action={`/coordination/demandes/${request.id}/rouvrir`}>
            <button type="submit" className={smallButton}>
              {t('coordination.desk.closed.reopen')}
              <span className="sr-only"> — {request.title}</span>
            </button>
          </form>
        </li>
      ))}
    </ul>
  );
}
