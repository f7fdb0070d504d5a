import { Link } from '@remix-run/react';
import type { ComponentProps, HTMLAttributes, ReactNode } from 'react';

/**
 * The design system's small pieces: buttons, cards, badges, notices and empty states. Pages build
 * from these rather than repeating class lists, so a change of look is made here once.
 * Colours come from the tokens in tailwind.config.ts (each checked for AA contrast); a state is
 * always written in words, colour only repeats it.
 */

export type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'quiet';
export type ButtonSize = 'md' | 'sm';

const buttonBase =
  'inline-flex items-center justify-center gap-2 rounded-md font-semibold no-underline transition-colors focus-visible:outline focus-visible:outline-4 focus-visible:outline-offset-2 focus-visible:outline-amber-500 aria-disabled:opacity-70';
const buttonVariants: Record<ButtonVariant, string> = {
  primary: 'bg-brand-700 text-white hover:bg-brand-800 hover:text-white',
  secondary: 'border border-gray-700 bg-white text-gray-900 hover:bg-gray-100 hover:text-gray-900',
  danger: 'border border-red-800 bg-white text-red-800 hover:bg-red-50 hover:text-red-900',
  quiet: 'text-brand-800 underline hover:bg-brand-50',
};
const buttonSizes: Record<ButtonSize, string> = { md: 'px-4 py-2', sm: 'px-3 py-1 text-sm' };

export function buttonClass(variant: ButtonVariant = 'primary', size: ButtonSize = 'md'): string {
  return `${buttonBase} ${buttonVariants[variant]} ${buttonSizes[size]}`;
}

/**
 * One of a row of links where one is the page shown (pagination, list or month, the moderation
 * tabs): the current one is filled; give it `aria-current="page"` too.
 */
export function segmentClass(current: boolean): string {
  return buttonClass(current ? 'primary' : 'secondary', 'sm');
}

/** A link that looks like a button (an action that navigates). */
export function ButtonLink({ variant, size, className, ...props }: ComponentProps<typeof Link> & { variant?: ButtonVariant; size?: ButtonSize }) {
  return <Link {...props} className={`${buttonClass(variant, size)} ${className ?? ''}`} />;
}

/** Other attributes a piece passes on to its element (`id`, `aria-labelledby`, `data-testid`…). */
type Passed = Omit<HTMLAttributes<HTMLElement>, 'className' | 'children' | 'role'>;

/**
 * `plain` for most cards; `brand` for the one that concerns the viewer (their booking, the answer
 * their pole owes); `danger` for a section whose action cannot be undone (cancel a visit).
 */
export type CardTone = 'plain' | 'brand' | 'danger';
const cardTones: Record<CardTone, string> = {
  plain: 'border-gray-300 bg-white',
  brand: 'border-brand-600 bg-brand-50',
  danger: 'border-red-700 bg-white',
};

/** A card's classes, for an element `Card` does not render (a Remix `<Form>`, a `<fieldset>`). */
export function cardClass(tone: CardTone = 'plain'): string {
  return `rounded-lg border p-4 shadow-sm ${cardTones[tone]}`;
}

/** A grey band of controls above a list (its filters, the region shown): set apart from the white cards. */
export const panelClass = 'rounded-lg border border-gray-300 bg-gray-50 p-3 sm:p-4';

export function Card({
  as: Tag = 'div',
  tone,
  className,
  children,
  ...passed
}: Passed & { as?: 'div' | 'li' | 'article' | 'section'; tone?: CardTone; className?: string; children: ReactNode }) {
  return (
    <Tag {...passed} className={`${cardClass(tone)} ${className ?? ''}`}>
      {children}
    </Tag>
  );
}

export type Tone = 'neutral' | 'brand' | 'solid' | 'muted' | 'warning' | 'danger' | 'info';
const badgeTones: Record<Tone, string> = {
  neutral: 'border-gray-500 bg-white text-gray-900',
  brand: 'border-brand-700 bg-brand-50 text-brand-800',
  solid: 'border-brand-700 bg-brand-700 text-white',
  muted: 'border-gray-500 bg-gray-100 text-gray-800',
  warning: 'border-accent-700 bg-amber-50 text-accent-700',
  danger: 'border-red-800 bg-red-50 text-red-800',
  info: 'border-sky-800 bg-sky-50 text-sky-900',
};

/** A labelled pill; the word is always written, colour only repeats it. */
export function Pill({ tone = 'neutral', children }: { tone?: Tone; children: ReactNode }) {
  return <span className={`inline-flex items-center gap-1 rounded-full border px-2 py-0.5 text-xs font-semibold ${badgeTones[tone]}`}>{children}</span>;
}

const noticeTones: Record<'info' | 'success' | 'warning' | 'danger', string> = {
  info: 'border-sky-800 bg-sky-50 text-sky-900',
  success: 'border-brand-600 bg-brand-50 text-brand-800',
  warning: 'border-accent-700 bg-amber-50 text-gray-900',
  danger: 'border-red-700 bg-red-50 text-red-800',
};

export type NoticeTone = keyof typeof noticeTones;

/**
 * A boxed message. `info` is for states (a draft, a pause): it must never look like an error;
 * `danger` is kept for what went wrong. `as="section"` for a titled state box (give it
 * `aria-labelledby`).
 */
export function Notice({
  as: Tag = 'div',
  tone = 'info',
  role,
  className,
  children,
  ...passed
}: Passed & {
  as?: 'div' | 'section';
  tone?: NoticeTone;
  role?: 'status' | 'alert' | 'note';
  className?: string;
  children: ReactNode;
}) {
  return (
    <Tag {...passed} role={role} className={`rounded-md border-l-4 p-3 ${noticeTones[tone]} ${className ?? ''}`}>
      {children}
    </Tag>
  );
}

/** Someone's words quoted on the page: a reported message, a coordinator's proposal, a pole's ask. */
export const quoteClass = 'whitespace-pre-wrap break-words rounded-md border-l-4 border-gray-400 bg-gray-50 p-3 text-gray-900';

/** What an empty list says: a sentence, and the one action that would fill it (when there is one). */
export function EmptyState({ children, action, className }: { children: ReactNode; action?: ReactNode; className?: string }) {
  return (
    <div className={`rounded-lg border border-dashed border-gray-400 bg-gray-50 p-6 text-center text-gray-800 ${className ?? ''}`}>
      <p>{children}</p>
      {action ? <div className="mt-4">{action}</div> : null}
    </div>
  );
}

/** A figure with its label, inside a `<dl>` (dashboards, the home page); `to` links the figure to its list. */
export function Figure({ label, value, to }: { label: string; value: string; to?: string }) {
  return (
    <div className="flex flex-col-reverse rounded-lg border border-gray-300 bg-brand-50 p-4">
      <dt className="text-sm text-gray-800">{label}</dt>
      <dd className="text-3xl font-bold text-brand-800">
        {to ? (
          <Link to={to} className="text-brand-800 no-underline hover:underline">
            {value}
          </Link>
        ) : (
          value
        )}
      </dd>
    </div>
  );
}
