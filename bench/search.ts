/**
 * npm run bench:search — search latency on 5,000 poles and 100,000 offers.
 *
 * Creates a scratch database on the PostgreSQL server at BENCH_DATABASE_URL (default the local
 * one; an in-memory PGlite when none answers), migrates and fills it, then runs at least 200
 * varied searches through the real loader of /offres and, for each, the very statements that
 * loader ran, straight through postgres.js. Prints p50/p95/max of both and the ratio of p95s.
 * BENCH_OFFERS and BENCH_POLES change the volume (for a quick try); BENCH_KEEP=1 keeps the
 * scratch database afterwards (to read EXPLAIN ANALYZE in psql) and prints its name; BENCH_SQL
 * holds statements run after the fill, before ANALYZE (to try an index before proposing it).
 */
import { randomBytes } from 'node:crypto';
import { register } from 'node:module';
import { performance } from 'node:perf_hooks';
import type { PGlite } from '@electric-sql/pglite';
import { inArray } from 'drizzle-orm';
import postgres from 'postgres';
import { createServices, type AppContext } from '#app/context.server';
import { offerSearchSchema, searchStatements } from '#app/models/search.server';
import { parseEnv } from '#app/utils/env.server';
import { createLogger } from '#app/utils/logger.server';
import { openDatabase, type DatabaseHandle } from '#db/client';
import { poles } from '#db/schema';
import { addMembership, createUser } from '#db/seed/factories';
import { seedReferenceData } from '#db/seed/seed';
import { offerRow, poleRow, searchQuery, seededRandom } from './search-data';

// Route modules import styles as `…css?url` (Vite); outside Vite they are just names.
register(
  `data:text/javascript,${encodeURIComponent(
    'export async function load(url, context, next) { return /\\.css\\?url$/.test(url) ? { format: "module", source: `export default ${JSON.stringify(url)};`, shortCircuit: true } : next(url, context); }',
  )}`,
);
const { loader } = await import('#app/routes/offres._index');

const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const poleCount = Number(process.env.BENCH_POLES ?? 5_000);
const offerCount = Number(process.env.BENCH_OFFERS ?? 100_000);
const rounds = 2;

type Raw = (text: string, params?: unknown[]) => Promise<unknown>;
type Scratch = { handle: DatabaseHandle; raw: Raw; label: string; drop(): Promise<void> };

async function openScratch(): Promise<Scratch> {
  const name = `ptce_bench_${randomBytes(4).toString('hex')}`;
  try {
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {}, connect_timeout: 5 });
    await admin.unsafe(`create database "${name}"`);
    await admin.end();
  } catch (error) {
    console.log(`PostgreSQL unreachable at ${serverUrl} (${(error as Error).message}): falling back to an in-memory PGlite.`);
    const handle = await openDatabase({ dataDir: null });
    const client = (handle.db as unknown as { $client: PGlite }).$client;
    return { handle, raw: (text, params) => client.query(text, params), label: 'PGlite (in memory)', drop: () => handle.close() };
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ url: url.href });
  const client = (handle.db as unknown as { $client: postgres.Sql }).$client;
  return {
    handle,
    raw: (text, params) => client.unsafe(text, params as never[]),
    label: `PostgreSQL ${url.host}, scratch database ${name}`,
    async drop() {
      await handle.close();
      if (process.env.BENCH_KEEP === '1') return console.log(`Kept ${name}: drop it with  psql ${serverUrl} -c 'drop database "${name}"'`);
      const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}

/**
 * Poles, then offers with their topics and sectors, 5,000 rows per INSERT … SELECT: each batch
 * travels as one JSON text (both drivers send it alike) that json_to_recordset spreads into rows.
 */
async function fill(raw: Raw) {
  const random = seededRandom(20_250_601);
  const insert = (statement: string, rows: unknown[]) => raw(statement, [JSON.stringify(rows)]);
  const batchSize = 5_000;
  const poleIds: string[] = [];
  for (let start = 0; start < poleCount; start += batchSize) {
    const batch = Array.from({ length: Math.min(batchSize, poleCount - start) }, (_, index) => ({
      id: crypto.randomUUID(),
      ...poleRow(random, start + index),
    }));
    poleIds.push(...batch.map((pole) => pole.id));
    await insert(
      `insert into poles (id, slug, name, town, department_code, region_code, latitude, longitude, status, maturity, animation, verified_at)
       select id, slug, name, town, "departmentCode", "regionCode", latitude, longitude, 'active', maturity::pole_maturity, 'carrying_structure', case when verified then now() end
       from json_to_recordset($1::json) as t(id uuid, slug text, name text, town text, "departmentCode" text, "regionCode" text, latitude float8, longitude float8, maturity text, verified bool)`,
      batch,
    );
    await insert(
      'insert into pole_sectors (pole_id, sector_slug) select * from json_to_recordset($1::json) as t(pole uuid, slug text)',
      batch.flatMap((pole) => pole.sectors.map((slug) => ({ pole: pole.id, slug }))),
    );
  }
  for (let start = 0; start < offerCount; start += batchSize) {
    const batch = Array.from({ length: Math.min(batchSize, offerCount - start) }, (_, index) => {
      const { poleIndex, formats, languages, ...offer } = offerRow(random, start + index, offerCount, poleCount);
      return { ...offer, id: crypto.randomUUID(), poleId: poleIds[poleIndex]!, formats: formats.join(','), languages: languages.join(',') };
    });
    await insert(
      `insert into offers (id, pole_id, title, description, formats, reach, languages, capacity, state, keywords, published_at, created_at, updated_at)
       select id, "poleId", title, description, string_to_array(formats, ',')::offer_format[], reach::offer_reach, string_to_array(languages, ','),
              capacity, state::offer_state, keywords, "publishedAt", coalesce("publishedAt", now()), coalesce("publishedAt", now())
       from json_to_recordset($1::json) as t(id uuid, "poleId" uuid, title text, description text, formats text, reach text, languages text,
              capacity int, state text, keywords text, "publishedAt" timestamptz)`,
      batch,
    );
    await insert(
      'insert into offer_topics (offer_id, topic_slug) select * from json_to_recordset($1::json) as t(offer uuid, slug text)',
      batch.flatMap((offer) => offer.topics.map((slug) => ({ offer: offer.id, slug }))),
    );
    await insert(
      'insert into offer_sectors (offer_id, sector_slug) select * from json_to_recordset($1::json) as t(offer uuid, slug text)',
      batch.flatMap((offer) => offer.sectors.map((slug) => ({ offer: offer.id, slug }))),
    );
  }
  return poleIds;
}

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)]!;
}
function summary(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { n: sorted.length, p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95), max: sorted.at(-1)! };
}
const ms = (value: number) => `${value.toFixed(1).padStart(6)} ms`;

async function main() {
  const scratch = await openScratch();
  console.log(`Database: ${scratch.label}`);
  try {
    const { handle, raw } = scratch;
    await handle.migrate();
    await seedReferenceData(handle.db);
    const fillStart = performance.now();
    const poleIds = await fill(raw);
    if (process.env.BENCH_SQL) await raw(process.env.BENCH_SQL);
    await raw('vacuum analyze');
    console.log(
      `Filled ${poleCount.toLocaleString('en')} poles and ${offerCount.toLocaleString('en')} offers in ${((performance.now() - fillStart) / 1000).toFixed(1)} s (with VACUUM ANALYZE).`,
    );

    // The app's services over this database, as tests/setup/context.ts builds them.
    const env = parseEnv({ NODE_ENV: 'test', APP_URL: 'http://localhost:3000' });
    const services = createServices({ database: handle, env, logger: createLogger('warn') });
    const context: AppContext = { ...services, cspNonce: 'bench', clientIp: '127.0.0.1' };
    const member = await createUser(handle.db, { email: 'bench@bench.invalid', name: 'Bench', password: 'bench-password-123' });
    const memberPoles = [poleIds[0]!, poleIds[1]!];
    for (const poleId of memberPoles) await addMembership(handle.db, { userId: member.id, poleId, role: 'member' });
    const cookie = (await services.auth.createSessionCookie(member.id, 'bench')).split(';')[0]!;
    const depuis = (await handle.db.select({ slug: poles.slug }).from(poles).where(inArray(poles.id, memberPoles))).map((row) => row.slug);

    const random = seededRandom(42);
    const plan = { text: 60, 'text+filters': 60, filters: 40, pages: 20, distance: 30 } as const;
    const queries = [{ category: 'filters' as const, search: '' }];
    for (const [category, count] of Object.entries(plan) as Array<[keyof typeof plan, number]>) {
      for (let index = 0; index < count; index += 1) queries.push({ category: category as 'filters', search: searchQuery(random, category, depuis) });
    }

    // The statements each search runs, recorded once; the direct run replays them group by group.
    const prepared: Array<(typeof queries)[number] & { signedIn: boolean; groups: Awaited<ReturnType<typeof searchStatements>> }> = [];
    for (const query of queries) {
      const signedIn = query.search.includes('km=');
      const parsed = offerSearchSchema.parse(Object.fromEntries(new URLSearchParams(query.search)));
      const groups = await searchStatements(handle.db, 'offer', parsed, { poleIds: signedIn ? memberPoles : [] });
      prepared.push({ ...query, signedIn, groups });
    }
    const client = (handle.db as unknown as { $client: postgres.Sql | PGlite }).$client;
    const direct = async (groups: (typeof prepared)[number]['groups']) => {
      for (const group of groups) {
        await Promise.all(
          group.map((statement) =>
            'unsafe' in client
              ? client.unsafe(statement.sql, statement.params as never[], { prepare: false }).values()
              : client.query(statement.sql, statement.params, { rowMode: 'array' }),
          ),
        );
      }
    };
    const viaLoader = async (query: (typeof prepared)[number]) => {
      const request = new Request(`http://localhost:3000/offres${query.search}`, { headers: query.signedIn ? { Cookie: cookie } : {} });
      const started = performance.now();
      await loader({ request, context, params: {} });
      return performance.now() - started;
    };
    const viaDirect = async (query: (typeof prepared)[number]) => {
      const started = performance.now();
      await direct(query.groups);
      return performance.now() - started;
    };

    for (const query of prepared) {
      await viaLoader(query);
      await viaDirect(query);
    }
    const samples = { loader: [] as Array<{ category: string; time: number }>, direct: [] as Array<{ category: string; time: number }> };
    for (let round = 0; round < rounds; round += 1) {
      for (const query of prepared) {
        // Alternating which goes first, so neither always meets the warmer cache.
        const order = round % 2 === 0 ? (['loader', 'direct'] as const) : (['direct', 'loader'] as const);
        for (const side of order) samples[side].push({ category: query.category, time: side === 'loader' ? await viaLoader(query) : await viaDirect(query) });
      }
    }

    const statementsRun = prepared.reduce((sum, query) => sum + query.groups.flat().length, 0);
    console.log(`${queries.length} distinct searches (${statementsRun} statements), ${rounds} timed rounds after one warm-up round.\n`);
    console.log(
      `${'searches'.padEnd(14)} ${'n'.padStart(4)} | ${'loader p50'.padStart(10)} ${'p95'.padStart(9)} ${'max'.padStart(9)} | ${'direct p50'.padStart(10)} ${'p95'.padStart(9)} ${'max'.padStart(9)} | p95 ratio`,
    );
    const row = (label: string, filter: (category: string) => boolean) => {
      const loaderStats = summary(samples.loader.filter((sample) => filter(sample.category)).map((sample) => sample.time));
      const directStats = summary(samples.direct.filter((sample) => filter(sample.category)).map((sample) => sample.time));
      console.log(
        `${label.padEnd(14)} ${String(loaderStats.n).padStart(4)} | ${ms(loaderStats.p50).padStart(10)} ${ms(loaderStats.p95)} ${ms(loaderStats.max)} | ${ms(directStats.p50).padStart(10)} ${ms(directStats.p95)} ${ms(directStats.max)} | ${(loaderStats.p95 / directStats.p95).toFixed(2)}×`,
      );
      return { loaderStats, directStats };
    };
    for (const category of Object.keys(plan)) row(category, (candidate) => candidate === category);
    const { loaderStats, directStats } = row('ALL', () => true);
    const ratio = loaderStats.p95 / directStats.p95;
    console.log(
      `\nTargets${scratch.label.startsWith('PostgreSQL') ? '' : ' (set for PostgreSQL)'}: loader p95 ${loaderStats.p95.toFixed(1)} ms < 50 ms ${loaderStats.p95 < 50 ? 'met' : 'MISSED'}; ` +
        `p95 ratio ${ratio.toFixed(2)} ≤ 1.5 ${ratio <= 1.5 ? 'met' : 'MISSED'}.`,
    );
  } finally {
    await scratch.drop();
  }
}

await main();
