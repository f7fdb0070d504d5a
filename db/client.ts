import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import * as schema from './schema';

/** Either driver, seen through the API both share. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];
/** What domain functions accept: the database or a transaction inside it. */
export type Executor = Database | Transaction;
export type DatabaseKind = 'pglite' | 'postgres';

export type DatabaseHandle = {
  db: Database;
  kind: DatabaseKind;
  /** PostgreSQL's connection URL, for services that open their own connections (pg-boss); unset on PGlite. */
  url?: string;
  migrate(): Promise<void>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
};

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

/**
 * Opens the process's single database: PostgreSQL through postgres.js when a URL is given,
 * otherwise an embedded PGlite stored in `dataDir` (or in memory when `dataDir` is null).
 */
export async function openDatabase(options: { url?: string; dataDir?: string | null; loadDataDir?: Blob }): Promise<DatabaseHandle> {
  return options.url ? openPostgres(options.url) : openPglite(options.dataDir ?? null, options.loadDataDir);
}

const pgliteClients = new WeakMap<Database, PGlite>();

/** The PGlite instance behind a database (null on PostgreSQL): pg-boss is served through it. */
export function pgliteClientOf(db: Database): PGlite | null {
  return pgliteClients.get(db) ?? null;
}

async function openPglite(dataDir: string | null, loadDataDir?: Blob): Promise<DatabaseHandle> {
  if (dataDir) mkdirSync(path.resolve(dataDir), { recursive: true });
  const client = await PGlite.create({
    dataDir: dataDir ? path.resolve(dataDir, 'pglite') : undefined,
    loadDataDir,
    extensions: { unaccent, pg_trgm },
  });
  const db = drizzlePglite(client, { schema }) as unknown as Database;
  pgliteClients.set(db, client);
  return {
    db,
    kind: 'pglite',
    migrate: () => migratePglite(drizzlePglite(client, { schema }), { migrationsFolder }),
    ping: () => pingDatabase(db),
    close: () => client.close(),
  };
}

async function openPostgres(url: string): Promise<DatabaseHandle> {
  const client = postgres(url, { max: 10, onnotice: () => {} });
  const db = drizzlePostgres(client, { schema }) as unknown as Database;
  return {
    db,
    kind: 'postgres',
    url,
    async migrate() {
      // Several app processes may start together: one migrates while the others wait on the lock,
      // held by a single-connection client so lock, migration and unlock share one session.
      const connection = postgres(url, { max: 1, onnotice: () => {} });
      try {
        await connection`select pg_advisory_lock(72417301)`;
        await migratePostgres(drizzlePostgres(connection, { schema }), { migrationsFolder });
        await connection`select pg_advisory_unlock(72417301)`;
      } finally {
        await connection.end();
      }
    },
    ping: () => pingDatabase(db),
    close: () => client.end({ timeout: 5 }),
  };
}

async function pingDatabase(db: Database): Promise<boolean> {
  try {
    await db.execute(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}
