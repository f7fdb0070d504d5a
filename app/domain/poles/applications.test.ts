import { describe, expect, test } from 'vitest';
import {
  bodyContactSchema,
  createApplicationSchema,
  decisionSchema,
  departmentOfPostalCode,
  firstFreeSlug,
  looksLikeSamePole,
  nextApplicationState,
  placeOfNewPole,
  regionCentres,
  slugOfName,
} from './applications';
import { telHref } from './contact';

describe('postal code → department', () => {
  test.each([
    ['46100', '46'],
    ['01000', '01'],
    ['75011', '75'],
    ['95000', '95'],
    ['20000', '2A'],
    ['20190', '2A'],
    ['20200', '2B'],
    ['20600', '2B'],
    ['97100', '971'],
    ['97200', '972'],
    ['97300', '973'],
    ['97400', '974'],
    ['97600', '976'],
    [' 31000 ', '31'],
  ])('%s is in department %s', (code, department) => {
    expect(departmentOfPostalCode(code)).toBe(department);
  });

  test.each(['', '4610', '461000', 'abcde', '00100', '96000', '20700', '97500', '98000', '99000', '46 100'])('%j is not a French postal code', (code) => {
    expect(departmentOfPostalCode(code)).toBeNull();
  });
});

describe('the state machine', () => {
  test('only a pending application is decided, once', () => {
    expect(nextApplicationState('pending', 'accept')).toBe('accepted');
    expect(nextApplicationState('pending', 'decline')).toBe('declined');
    for (const state of ['accepted', 'declined'] as const) {
      expect(nextApplicationState(state, 'accept')).toBeNull();
      expect(nextApplicationState(state, 'decline')).toBeNull();
    }
  });
});

describe('slugs and names', () => {
  test('a name becomes letters, digits and dashes, accents folded', () => {
    expect(slugOfName('Pôle Coopératif du Cantal')).toBe('pole-cooperatif-du-cantal');
    expect(slugOfName('  Œuvre & Cœur — 2025 !')).toBe('oeuvre-coeur-2025');
    expect(slugOfName('???')).toBe('pole');
    expect(slugOfName('a'.repeat(80)).length).toBe(60);
  });

  test('the first free slug', () => {
    expect(firstFreeSlug('figeacteurs', new Set())).toBe('figeacteurs');
    expect(firstFreeSlug('figeacteurs', new Set(['figeacteurs', 'figeacteurs-2']))).toBe('figeacteurs-3');
  });

  test('an application for a pole already in the directory is recognised', () => {
    expect(looksLikeSamePole('figeacteurs', 'Figeacteurs')).toBe(true);
    expect(looksLikeSamePole('PTCE Figeacteurs', 'Figeacteurs')).toBe(true);
    expect(looksLikeSamePole('Pôle Sud', 'Pôle Alpen')).toBe(false);
    expect(looksLikeSamePole('Le Pôle', 'La Coopérative')).toBe(false);
  });
});

describe('where a new pole is placed', () => {
  test('every seeded region has a centre inside France’s bounds, overseas included', () => {
    expect(Object.keys(regionCentres)).toHaveLength(18);
    expect(placeOfNewPole('76')).toEqual({ latitude: 43.7, longitude: 2.14 });
    expect(placeOfNewPole('04').latitude).toBeLessThan(0);
    // An unknown region still gets a place, metropolitan France's centre.
    expect(placeOfNewPole('ES')).toEqual({ latitude: 46.6, longitude: 2.4 });
  });
});

describe('the « Inscrire mon pôle » form', () => {
  const schema = createApplicationSchema(['76', '84']);
  const valid = {
    poleName: 'Pôle des Causses',
    town: 'Mende',
    postalCode: '48000',
    regionCode: '76',
    contactName: 'Anne Martin',
    contactEmail: ' Anne.Martin@Exemple.FR ',
    description: 'Une coopération de producteurs et de collectivités autour de l’alimentation locale.',
  };

  test('a complete form passes, the e-mail lower-cased', () => {
    const parsed = schema.parse(valid);
    expect(parsed.contactEmail).toBe('anne.martin@exemple.fr');
    expect(parsed.website).toBeUndefined();
  });

  test('each bad field has its own French message key', () => {
    const result = schema.safeParse({
      ...valid,
      poleName: 'A',
      postalCode: '4800',
      regionCode: '11',
      contactEmail: 'pas-une-adresse',
      description: 'Trop court',
      website: 'javascript:alert(1)',
    });
    expect(result.success).toBe(false);
    const messages = Object.fromEntries(result.error!.issues.map((issue) => [issue.path.join('.'), issue.message]));
    expect(messages).toEqual({
      poleName: 'joining.errors.poleNameTooShort',
      postalCode: 'joining.errors.postalCodeInvalid',
      regionCode: 'joining.errors.regionRequired',
      contactEmail: 'joining.errors.emailInvalid',
      description: 'joining.errors.descriptionTooShort',
      website: 'joining.errors.websiteInvalid',
    });
  });

  test('the description is bounded', () => {
    const result = schema.safeParse({ ...valid, description: 'x'.repeat(2001) });
    expect(result.error?.issues[0]?.message).toBe('joining.errors.descriptionTooLong');
  });
});

describe('the desk’s decisions', () => {
  const id = '0b7f3c1e-4a57-4a3e-9a56-6a1b2c3d4e5f';
  test('accept names a new pole or an existing one; decline needs a reason', () => {
    expect(decisionSchema.safeParse({ intent: 'accept', applicationId: id, target: 'new' }).success).toBe(true);
    expect(decisionSchema.safeParse({ intent: 'accept', applicationId: id, target: id }).success).toBe(true);
    expect(decisionSchema.safeParse({ intent: 'accept', applicationId: id, target: 'other' }).success).toBe(false);
    const declined = decisionSchema.safeParse({ intent: 'decline', applicationId: id });
    expect(declined.error?.issues[0]?.message).toBe('joining.errors.reasonRequired');
    expect(decisionSchema.safeParse({ intent: 'decline', applicationId: id, reason: 'Hors du périmètre des PTCE.' }).success).toBe(true);
  });
});

describe('a regional body’s public contact', () => {
  test('e-mail, phone and website are checked; each may stay empty', () => {
    const bodyId = '0b7f3c1e-4a57-4a3e-9a56-6a1b2c3d4e5f';
    expect(bodyContactSchema.safeParse({ bodyId }).success).toBe(true);
    const result = bodyContactSchema.safeParse({ bodyId, contactEmail: 'x', contactPhone: 'appelez-nous', website: 'ftp://exemple.fr' });
    expect(result.error?.issues.map((issue) => issue.message)).toEqual([
      'joining.errors.emailInvalid',
      'joining.errors.phoneInvalid',
      'joining.errors.websiteInvalid',
    ]);
    expect(telHref('+33 5 61 00 00 00')).toBe('tel:+33561000000');
  });
});
