import { z } from 'zod';
import type { poleAnimation, poleMaturity } from '#db/schema';
import { languageCodes } from '#app/domain/market/rules';

/**
 * The pole profile editor's schema, shared by the browser and the server. Value lists are spelled
 * out so the browser bundle does not pull in the database schema; `SameValues` fails the type
 * check the day they drift apart. Messages are catalogue keys.
 */

export const maturities = ['emerging', 'consolidating', 'mature'] as const;
export const animations = ['dedicated_team', 'carrying_structure', 'none'] as const;
export type Maturity = (typeof maturities)[number];
export type Animation = (typeof animations)[number];

type SameValues<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const listsMatchDatabase: [SameValues<Maturity, (typeof poleMaturity.enumValues)[number]>, SameValues<Animation, (typeof poleAnimation.enumValues)[number]>] = [
  true,
  true,
];
void listsMatchDatabase;

export const descriptionMaxLength = 5000;
export const sectorsMax = 6;
export const firstFoundedYear = 1990;
export const memberCountMax = 100_000;
export const contactMaxLength = 120;
export const websiteMaxLength = 300;
export const logoMaxBytes = 512 * 1024;
/** How many twinnings a pole may declare it can carry at once as the mentoring side (the database checks it too). */
export const mentoringCapacityMax = 20;
/** How many topics a pole may declare it can pass on. */
export const mentoringTopicsMax = 8;
/** What browsers draw safely from an <img>: no SVG, which may carry scripts. */
export const logoTypes = ['image/png', 'image/jpeg', 'image/webp'] as const;
export type LogoType = (typeof logoTypes)[number];

const phonePattern = /^\+?[0-9][0-9 .()-]*$/;

/** A phone number of 6 to 15 digits, written with spaces, dots, dashes or brackets. */
export function isPhoneNumber(value: string): boolean {
  const digits = value.replace(/\D/g, '').length;
  return phonePattern.test(value) && digits >= 6 && digits <= 15;
}

/** An e-mail address, or a phone number of 6 to 15 digits written with spaces, dots or dashes. */
export function isEmailOrPhone(value: string): boolean {
  if (value.includes('@')) return z.string().email().safeParse(value).success;
  return isPhoneNumber(value);
}

/** An http(s) address whose host name has a dot (never `javascript:`, never `localhost`). */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.includes('.');
  } catch {
    return false;
  }
}

/**
 * `sectorSlugs` and `topicSlugs` are the sectors and the know-how topics offered by the form: the
 * loader sends them to the page, so the browser refuses an unknown one exactly as the server does.
 * The capacity is checked here against its range only; that it is not below the twinnings the pole
 * carries now is checked when saving, under the pole's lock (see pole-profile.server.ts).
 */
export function createProfileSchema(sectorSlugs: readonly string[], topicSlugs: readonly string[]) {
  const known = new Set(sectorSlugs);
  const knownTopics = new Set(topicSlugs);
  return z
    .object({
      description: z.string().trim().max(descriptionMaxLength, 'profile.errors.descriptionTooLong').default(''),
      sectors: z
        .array(z.string().refine((slug) => known.has(slug), 'profile.errors.unknownSector'))
        .max(sectorsMax, 'profile.errors.tooManySectors')
        .default([]),
      maturity: z.enum(maturities, { errorMap: () => ({ message: 'profile.errors.maturityRequired' }) }),
      foundedYear: z
        .number({ invalid_type_error: 'profile.errors.foundedYearInvalid' })
        .int('profile.errors.foundedYearInvalid')
        .min(firstFoundedYear, 'profile.errors.foundedYearRange')
        // Checked when the form is sent, not when the module loaded: a server runs across New Year.
        .refine((year) => year <= new Date().getFullYear(), 'profile.errors.foundedYearRange')
        .optional(),
      memberCount: z
        .number({ invalid_type_error: 'profile.errors.memberCountInvalid' })
        .int('profile.errors.memberCountInvalid')
        .min(0, 'profile.errors.memberCountRange')
        .max(memberCountMax, 'profile.errors.memberCountRange')
        .optional(),
      animation: z.enum(animations, { errorMap: () => ({ message: 'profile.errors.animationRequired' }) }),
      website: z.string().trim().max(websiteMaxLength, 'profile.errors.websiteTooLong').refine(isHttpUrl, 'profile.errors.websiteInvalid').optional(),
      publicContact: z
        .string()
        .trim()
        .max(contactMaxLength, 'profile.errors.contactTooLong')
        .refine(isEmailOrPhone, 'profile.errors.contactInvalid')
        .optional(),
      // On the server the type is the one read from the file's first bytes (see upload.server.ts),
      // in the browser the one the system declares: the browser's check is only a convenience.
      logo: z
        .instanceof(File, { message: 'profile.errors.logoType' })
        .refine((file) => file.size <= logoMaxBytes, 'profile.errors.logoTooBig')
        .refine((file) => (logoTypes as readonly string[]).includes(file.type), 'profile.errors.logoType')
        .optional(),
      removeLogo: z.boolean().optional(),
      mentoringCapacity: z
        .number({ required_error: 'profile.errors.mentoringCapacityRequired', invalid_type_error: 'profile.errors.mentoringCapacityInvalid' })
        .int('profile.errors.mentoringCapacityInvalid')
        .min(0, 'profile.errors.mentoringCapacityRange')
        .max(mentoringCapacityMax, 'profile.errors.mentoringCapacityRange'),
      mentoringTopics: z
        .array(z.string().refine((slug) => knownTopics.has(slug), 'profile.errors.unknownTopic'))
        .max(mentoringTopicsMax, 'profile.errors.tooManyTopics')
        .default([]),
      languages: z
        .array(z.enum(languageCodes, { errorMap: () => ({ message: 'profile.errors.unknownLanguage' }) }), {
          required_error: 'profile.errors.languagesRequired',
        })
        .min(1, 'profile.errors.languagesRequired'),
    })
    .superRefine((value, context) => {
      if (value.logo && value.removeLogo) {
        context.addIssue({ code: z.ZodIssueCode.custom, path: ['removeLogo'], message: 'profile.errors.logoConflict' });
      }
    });
}

export type ProfileInput = z.infer<ReturnType<typeof createProfileSchema>>;
