import type { ReactNode } from 'react';

/** Whether a pole's public contact is an e-mail address (else a phone number). */
export function isEmailContact(contact: string): boolean {
  return contact.includes('@');
}

/**
 * A pole's public contact as a link: `mailto:` for an address, `tel:` for a number (digits and a
 * leading + only, so nothing typed in the field can change what the link does). It shows the
 * contact itself unless given other words (a button « Écrire au pôle »).
 */
export function PublicContact({ contact, className, children }: { contact: string; className?: string; children?: ReactNode }) {
  const href = isEmailContact(contact) ? `mailto:${encodeURIComponent(contact).replace('%40', '@')}` : `tel:${contact.replace(/[^\d+]/g, '')}`;
  return (
    <a href={href} className={className ?? 'break-all text-brand-800 underline'}>
      {children ?? contact}
    </a>
  );
}
