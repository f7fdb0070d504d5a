import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import postgres from 'postgres';
import { inject } from 'vitest';
import { openDatabase, type DatabaseHandle } from '#db/client';
import { seedDatabase } from '#db/seed/seed';
import type { TestTemplate } from './global-database';

/**
 * A fresh, migrated database for one test file: an in-memory PGlite by default, or a new
 * database on the server named by TEST_DATABASE_URL (dropped when the file ends). With
 * `seeded`, it is a copy of the run's template (reference data and demo accounts, built once by
 * global-database.ts); without, it is empty but for the migrations.
 */
export async function createTestDatabase(options: { seeded?: boolean } = {}): Promise<DatabaseHandle> {
  const template = options.seeded ? inject('testTemplate') : undefined;
  const handle = await openCopy(template);
  // Outside the integration run (browser tests' server) there is no template: seed here.
  if (options.seeded && !template) await seedDatabase(handle.db, { demo: true });
  return handle;
}

async function openCopy(template: TestTemplate | undefined): Promise<DatabaseHandle> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    if (template?.kind === 'pglite') return openDatabase({ dataDir: null, loadDataDir: new Blob([readFileSync(template.archive)]) });
    const handle = await openDatabase({ dataDir: null });
    await handle.migrate();
    return handle;
  }
  const name = `ptce_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(template?.kind === 'postgres' ? `create database "${name}" template "${template.database}"` : `create database "${name}"`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ url: url.href });
  if (template?.kind !== 'postgres') await handle.migrate();
  return {
    ...handle,
    async close() {
      await handle.close();
      const dropper = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await dropper.unsafe(`drop database if exists "${name}" with (force)`);
      await dropper.end();
    },
  };
}
