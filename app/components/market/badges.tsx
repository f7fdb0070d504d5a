import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocalFormat } from '#app/components/format';
import { Pill, type Tone } from '#app/components/ui';
import type { LanguageCode, OfferFormat, OfferReach, OfferState, RequestState, RequestUrgency } from '#app/domain/market/rules';

/**
 * Labels of offers and requests, for detail pages and result cards. The word is always written:
 * colour only repeats it.
 */

// A draft is work in progress (information), a pause asks for attention, a closed item is muted.
const offerStateTones: Record<OfferState, Tone> = { draft: 'info', published: 'brand', paused: 'warning', closed: 'muted' };
const requestStateTones: Record<RequestState, Tone> = { open: 'brand', in_progress: 'info', answered: 'muted', closed: 'muted' };
const urgencyTones: Record<RequestUrgency, Tone> = { low: 'neutral', medium: 'neutral', high: 'warning' };

export function OfferStateBadge({ state }: { state: OfferState }) {
  const { t } = useTranslation();
  return <Pill tone={offerStateTones[state]}>{t(`market.offerStates.${state}`)}</Pill>;
}

export function RequestStateBadge({ state }: { state: RequestState }) {
  const { t } = useTranslation();
  return <Pill tone={requestStateTones[state]}>{t(`market.requestStates.${state}`)}</Pill>;
}

export function UrgencyBadge({ urgency }: { urgency: RequestUrgency }) {
  const { t } = useTranslation();
  return <Pill tone={urgencyTones[urgency]}>{t(`market.urgency.${urgency}`)}</Pill>;
}

export function ReachBadge({ reach }: { reach: OfferReach }) {
  const { t } = useTranslation();
  return <Pill>{t(`market.reachBadge.${reach}`)}</Pill>;
}

/** The formats of an offer (or those a request prefers), as a list a screen reader counts. */
export function FormatBadges({ formats }: { formats: readonly OfferFormat[] }) {
  const { t } = useTranslation();
  return (
    <ul className="flex flex-wrap gap-2">
      {formats.map((format) => (
        <li key={format}>
          <Pill tone="brand">{t(`market.formats.${format}`)}</Pill>
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
          <Pill>{localName(tag)}</Pill>
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
