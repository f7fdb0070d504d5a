import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocalFormat } from '#app/components/format';
import { Badge } from '#app/components/poles/badges';
import type { LanguageCode, OfferFormat, OfferReach, OfferState, RequestState, RequestUrgency } from '#app/domain/market/rules';

/**
 * Labels of offers and requests, for detail pages and result cards. The word is always written:
 * colour only repeats it.
 */

const neutral = 'border-gray-500 bg-white text-gray-900';
const strong = 'border-brand-700 bg-brand-50 text-brand-800';
const muted = 'border-gray-500 bg-gray-100 text-gray-800';
const warning = 'border-accent-700 bg-amber-50 text-accent-700';

const offerStateTones: Record<OfferState, string> = { draft: muted, published: strong, paused: warning, closed: muted };
const requestStateTones: Record<RequestState, string> = { open: strong, in_progress: neutral, answered: muted, closed: muted };
const urgencyTones: Record<RequestUrgency, string> = { low: neutral, medium: neutral, high: warning };

export function OfferStateBadge({ state }: { state: OfferState }) {
  const { t } = useTranslation();
  return <Badge className={offerStateTones[state]}>{t(`market.offerStates.${state}`)}</Badge>;
}

export function RequestStateBadge({ state }: { state: RequestState }) {
  const { t } = useTranslation();
  return <Badge className={requestStateTones[state]}>{t(`market.requestStates.${state}`)}</Badge>;
}

export function UrgencyBadge({ urgency }: { urgency: RequestUrgency }) {
  const { t } = useTranslation();
  return <Badge className={urgencyTones[urgency]}>{t(`market.urgency.${urgency}`)}</Badge>;
}

export function ReachBadge({ reach }: { reach: OfferReach }) {
  const { t } = useTranslation();
  return <Badge className={neutral}>{t(`market.reachBadge.${reach}`)}</Badge>;
}

/** The formats of an offer (or those a request prefers), as a list a screen reader counts. */
export function FormatBadges({ formats }: { formats: readonly OfferFormat[] }) {
  const { t } = useTranslation();
  return (
    <ul className="flex flex-wrap gap-2">
      {formats.map((format) => (
        <li key={format}>
          <Badge className={strong}>{t(`market.formats.${format}`)}</Badge>
        </li>
      ))}
    </ul>
  );
}

/** Topics or sectors, in the page's language. */
export function TagList({ tags, empty }: { tags: ReadonlyArray<{ slug: string; name: string; nameEn: string }>; empty?: ReactNode }) {
  const { localName } = useLocalFormat();
  if (tags.length === 0) return empty ? <>{empty}</> : null;
  return (
    <ul className="flex flex-wrap gap-2">
      {tags.map((tag) => (
        <li key={tag.slug}>
          <Badge className={neutral}>{localName(tag)}</Badge>
        </li>
      ))}
    </ul>
  );
}

/** Language codes written out ("Français, Anglais"); an unknown code is shown as it is. */
export function useLanguageNames() {
  const { t } = useTranslation();
  return (codes: readonly string[]) => codes.map((code) => t(`market.languages.${code as LanguageCode}`, { defaultValue: code })).join(', ');
}
