import { useTranslation } from 'react-i18next';

/** Changes whenever the logo does: it versions the logo's address and is its ETag. */
export function logoVersion(updatedAt: Date | string): string {
  return new Date(updatedAt).getTime().toString(36);
}

export function logoUrl(slug: string, updatedAt: Date | string): string {
  return `/poles/${slug}/logo?v=${logoVersion(updatedAt)}`;
}

export type LogoPole = { slug: string; name: string; logoUpdatedAt: Date | string | null };
type LogoSize = 'tiny' | 'small' | 'large';

const boxes: Record<LogoSize, string> = { tiny: 'h-8 w-8 text-xs', small: 'h-12 w-12 text-sm', large: 'h-24 w-24 text-2xl' };

/** Words that say nothing of which pole it is, left out of the initials. */
const fillers = new Set(['de', 'du', 'des', 'la', 'le', 'les', 'et', 'en', 'au', 'aux', 'pour', 'sur', 'pôle', 'pole', 'ptce', 'the', 'of']);

/** Up to two initials of the pole's name (« Pôle Sud » → « S », « Coopérative des Causses » → « CC »). */
export function poleInitials(name: string): string {
  const words = name
    .replace(/\([^)]*\)/g, ' ')
    .split(/[\s\-–—’'.,/&]+/)
    .filter((word) => /\p{L}|\d/u.test(word) && !fillers.has(word.toLocaleLowerCase('fr')));
  const letters = (words.length > 0 ? words : [name]).slice(0, 2).map((word) => [...word.trim()][0] ?? '');
  return letters.join('').toLocaleUpperCase('fr');
}

/**
 * A pole's logo in a fixed box, so the page does not jump when it arrives. Without a logo it
 * renders nothing, or with `fallback="initials"` a neutral box with the name's initials, so that
 * the rows of a list stay aligned. `decorative` (the pole's name is written beside it): the image
 * gets an empty text alternative and the initials are hidden from screen readers, which would
 * otherwise read the name twice.
 */
export function PoleLogo({ pole, size, fallback, decorative = false }: { pole: LogoPole; size: LogoSize; fallback?: 'initials'; decorative?: boolean }) {
  const { t } = useTranslation();
  const box = boxes[size];
  if (!pole.logoUpdatedAt) {
    if (fallback !== 'initials') return null;
    return (
      <span
        aria-hidden="true"
        className={`${box} inline-flex shrink-0 select-none items-center justify-center rounded border border-gray-300 bg-gray-100 font-semibold text-gray-800`}
      >
        {poleInitials(pole.name)}
      </span>
    );
  }
  return (
    <img
      src={logoUrl(pole.slug, pole.logoUpdatedAt)}
      alt={decorative ? '' : t('profile.logo.alt', { name: pole.name })}
      className={`${box} shrink-0 rounded border border-gray-200 bg-white object-contain`}
      loading={size === 'large' ? undefined : 'lazy'}
      decoding="async"
    />
  );
}
