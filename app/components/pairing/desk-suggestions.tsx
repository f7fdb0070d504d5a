import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { useLocalFormat } from '#app/components/format';
import { Explanation } from '#app/components/pairing/explanation';
import { Card } from '#app/components/ui';
import type { ExplanationEntry } from '#app/domain/pairing/scoring';
import { polePath } from '#app/domain/paths';
import { ProposeForm, type DeskReply } from './desk-propose-form';

export type ShownSuggestion = {
  poleId: string;
  name: string;
  slug: string;
  score: number;
  explanation: ExplanationEntry[];
  offer: { id: string; title: string; path: string } | null;
};

/** A need's best suggestions: the pole, its score, why (one line, and each criterion in a disclosure), and the form that proposes it. */
export function SuggestionList({
  action,
  suggestions,
  menteePoleId,
  requestId,
  reply,
}: {
  action: string;
  suggestions: readonly ShownSuggestion[];
  menteePoleId: string;
  requestId?: string | null;
  reply?: DeskReply;
}) {
  const { t } = useTranslation();
  const { number } = useLocalFormat();
  if (suggestions.length === 0) return <p className="text-gray-700">{t('coordination.desk.suggestions.none')}</p>;
  return (
    <ol className="mt-2 space-y-3" aria-label={t('coordination.desk.suggestions.caption')}>
      {suggestions.map((suggestion) => (
        <Card as="li" key={suggestion.poleId}>
          <p className="font-semibold">
            <Link to={polePath(suggestion.slug)} className="text-brand-800 underline">
              {suggestion.name}
            </Link>{' '}
            <span className="font-normal text-gray-700">
              — {t('coordination.desk.suggestions.score', { score: number(Math.round(suggestion.score * 10) / 10) })}
            </span>
          </p>
          <Explanation explanation={suggestion.explanation} />
          {suggestion.offer ? (
            <p className="text-sm">
              <Link to={suggestion.offer.path} className="text-brand-800 underline">
                {t('coordination.desk.suggestions.offer', { title: suggestion.offer.title })}
              </Link>
            </p>
          ) : null}
          <details className="mt-1 text-sm">
            <summary className="cursor-pointer text-brand-800 underline">
              {t('coordination.desk.suggestions.details')}
              <span className="sr-only"> — {suggestion.name}</span>
            </summary>
            <div className="mt-2">
              <Explanation explanation={suggestion.explanation} detailed />
            </div>
          </details>
          <ProposeForm
            action={action}
            mentorPoleId={suggestion.poleId}
            menteePoleId={menteePoleId}
            requestId={requestId}
            mentorName={suggestion.name}
            reply={reply}
          />
        </Card>
      ))}
    </ol>
  );
}
