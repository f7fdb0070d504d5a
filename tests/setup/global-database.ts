import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { openDatabase, pgliteClientOf } from '#db/client';
import { seedDatabase } from '#db/seed/seed';

/** Where each test file finds the migrated and seeded database it copies (see database.ts). */
export type TestTemplate = { kind: 'pglite'; archive: string } | { kind: 'postgres'; database: string };

declare module 'vitest' {
  export interface ProvidedContext {
    testTemplate: TestTemplate;
  }
}

/**
 * Migrates and seeds (reference data and demo accounts) once per run, instead of once per test
 * file: on PGlite an archive of the data directory that each file opens (`loadDataDir`), on
 * PostgreSQL a template database that each file copies (`create database … template …`).
 */
export default async function setup(project: TestProject) {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const handle = await openDatabase({ dataDir: null });
    await handle.migrate();
    await seedDatabase(handle.db, { demo: true });
    const folder = mkdtempSync(path.join(tmpdir(), 'ptce-template-'));
    const archive = path.join(folder, 'seeded.tar');
    // The data directory's files as one archive, opened by each file with `loadDataDir`.
    const dump = await pgliteClientOf(handle.db)!.dumpDataDir('none');
    writeFileSync(archive, Buffer.from(await dump.arrayBuffer()));
    await handle.close();
    project.provide('testTemplate', { kind: 'pglite', archive });
    return () => rmSync(folder, { recursive: true, force: true });
  }
  const name = `ptce_template_${randomBytes(6).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ url: url.href });
  await handle.migrate();
  await seedDatabase(handle.db, { demo: true });
  // A template must have no open connection while it is copied.
  await handle.close();
  project.provide('testTemplate', { kind: 'postgres', database: name });
  return async () => {
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  };
}
