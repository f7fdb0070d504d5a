import { Link } from '@remix-run/react';
import type { ReactNode } from 'react';
import { ChooserForm, type Chooser } from '#app/components/forms';

/**
 * The frame of a coordination page (the applications desk, a body's contact): its title, what it
 * is for, links to the neighbouring pages, and, for a person with more than one region or body, a
 * GET form choosing which one the page shows (it works without JavaScript). The page's own
 * content follows.
 */
export function CoordinationFrame({
  title,
  intro,
  links,
  choice,
  className,
  children,
}: {
  title: string;
  intro: string;
  links: ReadonlyArray<{ to: string; label: string }>;
  /** `name` is the query parameter the form sends (`?region=`, `?instance=`). */
  choice: Chooser | null;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className={className}>
      <div className="max-w-3xl space-y-2">
        <h1 className="text-3xl font-bold">{title}</h1>
        <p className="text-gray-700">{intro}</p>
        <p className="flex flex-wrap gap-4">
          {links.map((link) => (
            <Link key={link.to} to={link.to} className="text-brand-800 underline">
              {link.label}
            </Link>
          ))}
        </p>
      </div>
      {choice ? <ChooserForm {...choice} /> : null}
      {children}
    </div>
  );
}
