import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { freePort } from '../setup/processes';
import { chromiumPath } from './chromium';

let server: ChildProcess | undefined;
let dataDir: string | undefined;

/** Starts the built app on a fresh embedded database with the demo data, for the whole browser run. */
export default async function setup(project: TestProject) {
  if (!chromiumPath) {
    console.warn('\n⚠ Browser tests skipped: no Chromium at /usr/bin/chromium (apt-get install -y chromium, or set CHROMIUM_PATH).\n');
    return;
  }
  if (!existsSync('build/server/index.js')) throw new Error('Run `npm run build` before the browser tests.');
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  dataDir = mkdtempSync(path.join(tmpdir(), 'ptce-e2e-'));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    APP_URL: baseUrl,
    DATA_DIR: dataDir,
    SEED_DEMO: '1',
    LOG_LEVEL: 'warn',
  };
  // With TEST_DATABASE_URL the journeys run on PostgreSQL too, in a database of their own.
  if (process.env.TEST_DATABASE_URL) env.DATABASE_URL = await createScratchDatabase(process.env.TEST_DATABASE_URL);
  server = spawn(path.resolve('node_modules/.bin/tsx'), ['server/index.ts'], { env, stdio: ['ignore', 'inherit', 'inherit'] });
  const deadline = Date.now() + 60_000;
  for (;;) {
    const ready = await fetch(`${baseUrl}/healthz`)
      .then((response) => response.ok)
      .catch(() => false);
    if (ready) break;
    if (Date.now() > deadline || server.exitCode !== null) throw new Error('The app did not start for the browser tests.');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  project.provide('baseUrl', baseUrl);
  return teardown;
}

let dropScratchDatabase: (() => Promise<void>) | undefined;

/** A new database on the server for this run (the app migrates and seeds it at start); dropped at the end. */
async function createScratchDatabase(serverUrl: string): Promise<string> {
  const name = `ptce_e2e_${randomBytes(6).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  dropScratchDatabase = async () => {
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  };
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.href;
}

async function teardown() {
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server!.on('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  await dropScratchDatabase?.();
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}
