import { Link } from '@remix-run/react';
import { polePath } from '#app/domain/paths';
import { PoleLogo, type LogoPole } from './pole-logo';

/**
 * A pole as lists name it: its small logo (or its initials, so rows align) and its name, linked
 * to its page. The logo is decorative there: the name beside it says which pole it is.
 */
export function PoleTag({ pole, size = 'tiny', className }: { pole: LogoPole; size?: 'tiny' | 'small'; className?: string }) {
  return (
    <span className={`inline-flex items-center gap-2 align-middle ${className ?? ''}`}>
      <PoleLogo pole={pole} size={size} fallback="initials" decorative />
      <Link to={polePath(pole.slug)} className="text-brand-800 underline">
        {pole.name}
      </Link>
    </span>
  );
}
