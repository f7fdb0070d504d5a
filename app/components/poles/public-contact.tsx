/**
 * A pole's public contact as a link: `mailto:` for an address, `tel:` for a number (digits and a
 * leading + only, so nothing typed in the field can change what the link does).
 */
export function PublicContact({ contact }: { contact: string }) {
  const href = contact.includes('@') ? `mailto:${encodeURIComponent(contact).replace('%40', '@')}` : `tel:${contact.replace(/[^\d+]/g, '')}`;
  return (
    <a href={href} className="break-all text-brand-800 underline">
      {contact}
    </a>
  );
}
