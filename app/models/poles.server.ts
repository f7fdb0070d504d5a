import { and, eq, ilike, inArray, isNotNull, isNull, or, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Database, Executor } from '#db/client';
import { poleLogos, poleMaturity, poleSectors, poleStatus, poles, regions, sectors, users } from '#db/schema';
import { recordAudit } from './audit.server';
import { loadVocabulary } from './vocabulary.server';

export const polesPerPage = 24;

/**
 * Names are ordered in JavaScript, not by the database: PGlite and PostgreSQL servers come with
 * different collations, and only ICU's French rules put « Écodomaine » beside « Eco-Domaine » on both.
 */
const frenchCollator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

export function compareByName(a: { name: string; slug?: string }, b: { name: string; slug?: string }): number {
  const bySlug = (a.slug ?? '') < (b.slug ?? '') ? -1 : (a.slug ?? '') > (b.slug ?? '') ? 1 : 0;
  return frenchCollator.compare(a.name, b.name) || bySlug;
}

/** A name in both catalogue languages; the page picks one. */
export type LocalName = { name: string; nameEn: string };
export type RegionName = LocalName & { code: string };
export type SectorName = LocalName & { slug: string };

// ─── Directory ────────────────────────────────────────────────────────────

/** The directory's query string. A value that makes no sense is dropped, never an error page. */
export const directoryQuerySchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  region: z
    .string()
    .regex(/^[0-9A-Za-z-]{1,10}$/)
    .optional()
    .catch(undefined),
  status: z.enum(poleStatus.enumValues).optional().catch(undefined),
  maturity: z.enum(poleMaturity.enumValues).optional().catch(undefined),
  sector: z
    .string()
    .regex(/^[a-z0-9-]{1,80}$/)
    .optional()
    .catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
export type DirectoryQuery = z.infer<typeof directoryQuerySchema>;

export type PoleSummary = {
  id: string;
  slug: string;
  name: string;
  town: string;
  departmentCode: string;
  status: (typeof poleStatus.enumValues)[number];
  maturity: (typeof poleMaturity.enumValues)[number];
  fictional: boolean;
  verified: boolean;
  region: RegionName;
  sectors: SectorName[];
  /** When the logo was last changed (it versions the logo's address), or null without a logo. */
  logoUpdatedAt: Date | null;
};

/** The options of the filter form, the filters actually applied, and one page of poles sorted by name. */
export async function loadDirectory(db: Executor, query: DirectoryQuery) {
  const { regions: regionOptions, sectors: sectorOptions } = await loadVocabulary(db);

  const filters = {
    q: query.q || undefined,
    region: regionOptions.some((region) => region.code === query.region) ? query.region : undefined,
    status: query.status,
    maturity: query.maturity,
    sector: sectorOptions.some((sector) => sector.slug === query.sector) ? query.sector : undefined,
  };

  const conditions: SQL[] = [];
  if (filters.region) conditions.push(eq(poles.regionCode, filters.region));
  if (filters.status) conditions.push(eq(poles.status, filters.status));
  if (filters.maturity) conditions.push(eq(poles.maturity, filters.maturity));
  if (filters.sector) {
    conditions.push(inArray(poles.id, db.select({ id: poleSectors.poleId }).from(poleSectors).where(eq(poleSectors.sectorSlug, filters.sector))));
  }
  if (filters.q) {
    const pattern = `%${escapeLikePattern(filters.q)}%`;
    conditions.push(or(ilike(poles.name, pattern), ilike(poles.town, pattern))!);
  }

  // Only what sorting and the map need for the whole match; details for one page only.
  const matches = await db
    .select({ id: poles.id, slug: poles.slug, name: poles.name, town: poles.town, latitude: poles.latitude, longitude: poles.longitude })
    .from(poles)
    .where(and(...conditions));
  matches.sort(compareByName);
  const total = matches.length;
  const pageCount = Math.max(1, Math.ceil(total / polesPerPage));
  const page = Math.min(query.page, pageCount);
  const pageIds = matches.slice((page - 1) * polesPerPage, page * polesPerPage).map((match) => match.id);

  return {
    filters,
    options: { regions: regionOptions, sectors: sectorOptions },
    total,
    page,
    pageCount,
    poles: await poleSummaries(db, pageIds),
    // The map shows every match, not only this page: it answers "where are they?".
    mapPoles: matches.map(({ id: _id, ...place }) => place),
  };
}

/** `%` and `_` typed by a visitor are searched for literally. */
function escapeLikePattern(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/** What every list of poles shows of each one. */
export const poleListColumns = {
  id: poles.id,
  slug: poles.slug,
  name: poles.name,
  town: poles.town,
  departmentCode: poles.departmentCode,
  status: poles.status,
  maturity: poles.maturity,
  fictional: poles.fictional,
  verifiedAt: poles.verifiedAt,
};

async function poleSummaries(db: Executor, ids: string[]): Promise<PoleSummary[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ ...poleListColumns, logoUpdatedAt: poleLogos.updatedAt, region: { code: regions.code, name: regions.name, nameEn: regions.nameEn } })
    .from(poles)
    .innerJoin(regions, eq(regions.code, poles.regionCode))
    .leftJoin(poleLogos, eq(poleLogos.poleId, poles.id))
    .where(inArray(poles.id, ids));
  const sectorsByPole = await sectorsOf(db, ids);
  const byId = new Map(rows.map(({ verifiedAt, ...row }) => [row.id, { ...row, verified: verifiedAt !== null, sectors: sectorsByPole.get(row.id) ?? [] }]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

async function sectorsOf(db: Executor, poleIds: string[]): Promise<Map<string, SectorName[]>> {
  const rows = await db
    .select({ poleId: poleSectors.poleId, slug: sectors.slug, name: sectors.name, nameEn: sectors.nameEn })
    .from(poleSectors)
    .innerJoin(sectors, eq(sectors.slug, poleSectors.sectorSlug))
    .where(inArray(poleSectors.poleId, poleIds));
  rows.sort(compareByName);
  const byPole = new Map<string, SectorName[]>();
  for (const { poleId, ...sector } of rows) byPole.set(poleId, [...(byPole.get(poleId) ?? []), sector]);
  return byPole;
}

// ─── One pole ─────────────────────────────────────────────────────────────

/** Everything the public profile shows, or null for an unknown slug. */
export async function getPoleProfile(db: Executor, slug: string) {
  const [row] = await db
    .select({
      ...poleListColumns,
      foundedYear: poles.foundedYear,
      memberCount: poles.memberCount,
      animation: poles.animation,
      description: poles.description,
      website: poles.website,
      publicContact: poles.publicContact,
      reportNumber: poles.reportNumber,
      verifiedByName: users.name,
      logoUpdatedAt: poleLogos.updatedAt,
      region: { code: regions.code, name: regions.name, nameEn: regions.nameEn },
    })
    .from(poles)
    .innerJoin(regions, eq(regions.code, poles.regionCode))
    .leftJoin(users, eq(users.id, poles.verifiedById))
    .leftJoin(poleLogos, eq(poleLogos.poleId, poles.id))
    .where(eq(poles.slug, slug));
  if (!row) return null;
  const sectorsByPole = await sectorsOf(db, [row.id]);
  return { ...row, regionCode: row.region.code, sectors: sectorsByPole.get(row.id) ?? [] };
}

/** What a permission check needs to know of a pole. */
const poleRefColumns = { id: poles.id, slug: poles.slug, name: poles.name, regionCode: poles.regionCode };

export async function findPoleRef(db: Executor, id: string) {
  const [row] = await db.select(poleRefColumns).from(poles).where(eq(poles.id, id));
  return row ?? null;
}

/** What permissions need to know of a pole, by its slug (pages under /poles/<slug>). */
export async function findPoleRefBySlug(db: Executor, slug: string) {
  const [row] = await db.select(poleRefColumns).from(poles).where(eq(poles.slug, slug));
  return row ?? null;
}

// ─── Validation by the regional coordinator ───────────────────────────────

type ValidationInput = { poleId: string; actorId: string };

/**
 * Marks the pole verified and logs it, in one transaction. The `verified_at is null` condition
 * makes two simultaneous validations safe: the second updates no row and logs nothing.
 */
export async function validatePole(db: Database, input: ValidationInput): Promise<'validated' | 'already-validated'> {
  return db.transaction(async (tx) => {
    const now = new Date();
    const [pole] = await tx
      .update(poles)
      .set({ verifiedAt: now, verifiedById: input.actorId, updatedAt: now })
      .where(and(eq(poles.id, input.poleId), isNull(poles.verifiedAt)))
      .returning({ id: poles.id, regionCode: poles.regionCode });
    if (!pole) return 'already-validated';
    await recordAudit(tx, { action: 'pole.validated', actorId: input.actorId, subject: { type: 'pole', id: pole.id }, regionCode: pole.regionCode, data: {} });
    return 'validated';
  });
}

/** Withdraws the verification with its reason, under the same rules as `validatePole`. */
export async function unvalidatePole(db: Database, input: ValidationInput & { reason: string }): Promise<'unvalidated' | 'not-validated'> {
  return db.transaction(async (tx) => {
    const [pole] = await tx
      .update(poles)
      .set({ verifiedAt: null, verifiedById: null, updatedAt: new Date() })
      .where(and(eq(poles.id, input.poleId), isNotNull(poles.verifiedAt)))
      .returning({ id: poles.id, regionCode: poles.regionCode });
    if (!pole) return 'not-validated';
    await recordAudit(tx, {
      action: 'pole.validation-withdrawn',
      actorId: input.actorId,
      subject: { type: 'pole', id: pole.id },
      regionCode: pole.regionCode,
      reason: input.reason,
      data: {},
    });
    return 'unvalidated';
  });
}
