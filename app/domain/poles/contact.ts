/** The `tel:` address of a phone number as written (`+33 5 61 00 00 00` → `tel:+33561000000`). */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^0-9+]/g, '')}`;
}
