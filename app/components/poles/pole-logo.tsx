import { useTranslation } from 'react-i18next';

/** Changes whenever the logo does: it versions the logo's address and is its ETag. */
export function logoVersion(updatedAt: Date | string): string {
  return new Date(updatedAt).getTime().toString(36);
}

export function logoUrl(slug: string, updatedAt: Date | string): string {
  return `/poles/${slug}/logo?v=${logoVersion(updatedAt)}`;
}

/** A pole's logo in a fixed box, so the page does not jump when it arrives. */
export function PoleLogo({ pole, size }: { pole: { slug: string; name: string; logoUpdatedAt: Date | string | null }; size: 'small' | 'large' }) {
  const { t } = useTranslation();
  if (!pole.logoUpdatedAt) return null;
  const box = size === 'large' ? 'h-24 w-24' : 'h-12 w-12';
  return (
    <img
      src={logoUrl(pole.slug, pole.logoUpdatedAt)}
      alt={t('profile.logo.alt', { name: pole.name })}
      className={`${box} shrink-0 rounded border border-gray-200 bg-white object-contain`}
      loading={size === 'small' ? 'lazy' : undefined}
      decoding="async"
    />
  );
}
