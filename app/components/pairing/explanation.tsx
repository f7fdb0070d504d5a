import { useTranslation } from 'react-i18next';
import { useLocalFormat } from '#app/components/format';
import type { ExplanationEntry } from '#app/domain/pairing/scoring';

/**
 * Why a mentoring pole fits: each criterion's reason in the reader's language, with its share of
 * the score: one line of the reasons that counted, or (`detailed`) every criterion with its points.
 */
export function Explanation({ explanation, detailed = false }: { explanation: readonly ExplanationEntry[]; detailed?: boolean }) {
  const line = useReasonLine();
  const { t } = useTranslation();
  const { number } = useLocalFormat();
  const shown = explanation.filter((entry) => entry.contribution > 0);
  if (!detailed) return <p className="text-sm text-gray-700">{shown.map(line).join(' · ')}</p>;
  return (
    <dl className="grid grid-cols-[auto_1fr_auto] gap-x-3 gap-y-1 text-sm">
      {explanation.map((entry) => (
        <div key={entry.criterion} className="contents">
          <dt className="font-medium text-gray-900">{t(`pairing.criteria.${entry.criterion}`)}</dt>
          <dd className="text-gray-700">{line(entry)}</dd>
          <dd className="text-right tabular-nums text-gray-900">+{number(Math.round(entry.contribution * 10) / 10)}</dd>
        </div>
      ))}
    </dl>
  );
}

/** One reason as a sentence in the reader's language (the same keys as `reasonLine` in the domain). */
export function useReasonLine() {
  const { t } = useTranslation();
  return (entry: ExplanationEntry) => {
    const values: Record<string, string | number> = { ...entry.values };
    for (const name of ['mentor', 'mentee'] as const) if (typeof values[name] === 'string') values[name] = t(`pairing.maturity.${values[name]}`);
    // Language codes, named in the reader's language (« français »).
    if (typeof values.languages === 'string') {
      values.languages = values.languages
        .split(', ')
        .map((code) => t(`market.languages.${code}`, { defaultValue: code }))
        .join(', ');
    }
    return t(entry.key, values);
  };
}
