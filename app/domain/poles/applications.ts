import { z } from 'zod';
import type { Coordinates } from '#app/domain/geo';
import { isHttpUrl, isPhoneNumber, websiteMaxLength } from '#app/domain/poles/profile';
import type { poleApplicationState } from '#db/schema';

/**
 * « Inscrire mon pôle » (issue 12, point 3): a request to join, sent by anyone, that the region's
 * coordinators accept (the pole is created, or an existing directory entry is claimed, and the
 * contact is invited as its admin) or decline with a reason. The form's schema, the states, and
 * what a French postal code says. No React, no SQL. Messages are catalogue keys (`ErrorList`
 * translates them).
 */

/** The coordination's desk of applications (one region, or every region the person reviews). */
export const applicationsPath = (regionCode?: string) => (regionCode ? `/coordination/inscriptions?region=${regionCode}` : '/coordination/inscriptions');
/** What the person who applied sees again from their acknowledgment's link. */
export const receiptPath = (applicationId: string) => `/inscrire-mon-pole?demande=${applicationId}`;

// ─── States ───────────────────────────────────────────────────────────────

export const applicationStates = ['pending', 'accepted', 'declined'] as const;
export type ApplicationState = (typeof applicationStates)[number];
type SameValues<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const statesMatchDatabase: SameValues<ApplicationState, (typeof poleApplicationState.enumValues)[number]> = true;
void statesMatchDatabase;

export type ApplicationDecision = 'accept' | 'decline';

/** pending → accepted | declined; a decided application is never decided again. */
export function nextApplicationState(state: ApplicationState, decision: ApplicationDecision): ApplicationState | null {
  if (state !== 'pending') return null;
  return decision === 'accept' ? 'accepted' : 'declined';
}

// ─── Postal codes ─────────────────────────────────────────────────────────

/**
 * The department of a French postal code, or null when the code is not one: two first digits
 * (01–95), Corsica by the third (200–201 → 2A, 202–206 → 2B), the overseas regions by three
 * (971 Guadeloupe, 972 Martinique, 973 Guyane, 974 La Réunion, 976 Mayotte). The code names the
 * distributing post office: a few communes near a border carry the neighbouring department's, which
 * is why the region is asked for and not deduced.
 */
export function departmentOfPostalCode(postalCode: string): string | null {
  const code = postalCode.trim();
  if (!/^\d{5}$/.test(code)) return null;
  const two = code.slice(0, 2);
  const three = Number(code.slice(0, 3));
  if (two === '20') return three <= 201 ? '2A' : three <= 206 ? '2B' : null;
  if (two === '97') return [971, 972, 973, 974, 976].includes(three) ? String(three) : null;
  const number = Number(two);
  return number >= 1 && number <= 95 ? two : null;
}

// ─── Where a new pole is placed ───────────────────────────────────────────

/**
 * Approximate geographic centres of the regions (INSEE codes): a pole created from an application
 * is placed here, inside its region on the map, until its exact place is known. A fixed table and
 * not the mean of the region's poles: it is the same for every region, those without a pole
 * included, and does not drift as poles are added.
 */
export const regionCentres: Readonly<Record<string, Coordinates>> = {
  '84': { latitude: 45.52, longitude: 4.54 },
  '27': { latitude: 47.24, longitude: 4.81 },
  '53': { latitude: 48.18, longitude: -2.84 },
  '24': { latitude: 47.48, longitude: 1.73 },
  '94': { latitude: 42.15, longitude: 9.1 },
  '44': { latitude: 48.69, longitude: 5.62 },
  '32': { latitude: 49.97, longitude: 2.78 },
  '11': { latitude: 48.71, longitude: 2.5 },
  '28': { latitude: 49.12, longitude: 0.11 },
  '75': { latitude: 45.19, longitude: 0.2 },
  '76': { latitude: 43.7, longitude: 2.14 },
  '52': { latitude: 47.47, longitude: -0.82 },
  '93': { latitude: 43.96, longitude: 6.06 },
  '01': { latitude: 16.2, longitude: -61.55 },
  '02': { latitude: 14.65, longitude: -61.02 },
  '03': { latitude: 3.93, longitude: -53.13 },
  '04': { latitude: -21.12, longitude: 55.53 },
  '06': { latitude: -12.82, longitude: 45.15 },
};

/** Metropolitan France's centre, for a region the table does not know yet (a European one, later). */
const franceCentre: Coordinates = { latitude: 46.6, longitude: 2.4 };

export function placeOfNewPole(regionCode: string): Coordinates {
  return regionCentres[regionCode] ?? franceCentre;
}

// ─── Slugs ────────────────────────────────────────────────────────────────

const slugMaxLength = 60;

/** « Pôle Coopératif du Cantal » → `pole-cooperatif-du-cantal`: letters, digits and dashes. */
export function slugOfName(name: string): string {
  const slug = name
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, slugMaxLength)
    .replace(/-+$/, '');
  return slug || 'pole';
}

/** The first of `base`, `base-2`, `base-3`… that is not taken. */
export function firstFreeSlug(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let index = 2; ; index += 1) {
    const candidate = `${base}-${index}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** Names compared as a person reads them: case, accents, punctuation and « pôle »/« PTCE » ignored. */
export function foldPoleName(name: string): string {
  return slugOfName(name)
    .split('-')
    .filter((word) => !['pole', 'ptce', 'le', 'la', 'les', 'de', 'du', 'des', 'l', 'd'].includes(word))
    .join(' ');
}

/** Whether an application's pole name looks like a pole already in the directory (the desk offers to attach it). */
export function looksLikeSamePole(applied: string, existing: string): boolean {
  const [a, b] = [foldPoleName(applied), foldPoleName(existing)];
  if (!a || !b) return false;
  return a === b || (a.length >= 5 && b.includes(a)) || (b.length >= 5 && a.includes(b));
}

// ─── The form ─────────────────────────────────────────────────────────────

export const applicationLimits = {
  poleName: { min: 3, max: 150 },
  town: { min: 2, max: 100 },
  contactName: { min: 2, max: 120 },
  description: { min: 30, max: 2000 },
  website: { max: websiteMaxLength },
  decisionNote: { min: 5, max: 1000 },
} as const;

const text = (key: string, limits: { min: number; max: number }) =>
  z
    .string({ required_error: `joining.errors.${key}Required` })
    .trim()
    .min(limits.min, `joining.errors.${key}TooShort`)
    .max(limits.max, `joining.errors.${key}TooLong`);

/** An address of the web, optional: an empty field is no address. */
export const websiteField = z
  .string()
  .trim()
  .max(applicationLimits.website.max, 'joining.errors.websiteTooLong')
  .refine(isHttpUrl, 'joining.errors.websiteInvalid')
  .optional();

/** A contact e-mail, stored trimmed and lower-cased like accounts' (the invitation goes to it). */
export const contactEmailField = z
  .string({ required_error: 'joining.errors.emailRequired' })
  .trim()
  .toLowerCase()
  .max(254, 'joining.errors.emailTooLong')
  .email('joining.errors.emailInvalid');

/**
 * The « Inscrire mon pôle » form. `regionCodes` are the regions offered by the select (the loader
 * sends them, so the browser refuses an unknown one as the server does). `nickname` is a honeypot:
 * hidden from people, filled by robots; the action drops a filled one without a word.
 */
export function createApplicationSchema(regionCodes: readonly string[]) {
  const known = new Set(regionCodes);
  return z.object({
    poleName: text('poleName', applicationLimits.poleName),
    town: text('town', applicationLimits.town),
    postalCode: z
      .string({ required_error: 'joining.errors.postalCodeRequired' })
      .trim()
      .refine((value) => departmentOfPostalCode(value) !== null, 'joining.errors.postalCodeInvalid'),
    regionCode: z.string({ required_error: 'joining.errors.regionRequired' }).refine((code) => known.has(code), 'joining.errors.regionRequired'),
    contactName: text('contactName', applicationLimits.contactName),
    contactEmail: contactEmailField,
    description: text('description', applicationLimits.description),
    website: websiteField,
    nickname: z.string().optional(),
  });
}
export type ApplicationInput = Omit<z.infer<ReturnType<typeof createApplicationSchema>>, 'nickname'>;

/** The desk's two forms: accept (a new pole, or an existing directory entry) or decline with a reason. */
const applicationId = z.string({ required_error: 'joining.errors.unknownApplication' }).uuid('joining.errors.unknownApplication');

export const decisionSchema = z.discriminatedUnion(
  'intent',
  [
    z.object({
      intent: z.literal('accept'),
      applicationId,
      /** `new`, or the id of the pole of the directory the application is about. */
      target: z
        .string({ required_error: 'joining.errors.targetRequired' })
        .refine((value) => value === 'new' || z.string().uuid().safeParse(value).success, 'joining.errors.targetRequired'),
    }),
    z.object({
      intent: z.literal('decline'),
      applicationId,
      reason: text('reason', applicationLimits.decisionNote),
    }),
  ],
  { errorMap: () => ({ message: 'joining.errors.unknownIntent' }) },
);

// ─── A regional body's public contact ─────────────────────────────────────

/** Every field optional: a body may publish only an e-mail, only a website… */
export const bodyContactSchema = z.object({
  bodyId: z.string({ required_error: 'joining.errors.unknownBody' }).uuid('joining.errors.unknownBody'),
  contactEmail: contactEmailField.optional(),
  contactPhone: z.string().trim().max(40, 'joining.errors.phoneInvalid').refine(isPhoneNumber, 'joining.errors.phoneInvalid').optional(),
  website: websiteField,
});
