import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServerBuild } from '@remix-run/node';
import type { ViteDevServer } from 'vite';
import { createServices } from '#app/context.server';
import { EnvError, parseEnv } from '#app/utils/env.server';
import { createLogger } from '#app/utils/logger.server';
import { openDatabase } from '#db/client';
import { seedIfEmpty } from '#db/seed/seed';
import { createApp } from './app';

const root = path.resolve(fileURLToPath(new URL('..', import.meta.url)));

async function main() {
  let env;
  try {
    env = parseEnv(process.env);
  } catch (error) {
    if (error instanceof EnvError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(env.logLevel, env.nodeEnv === 'development' && process.stdout.isTTY ? 'pretty' : undefined);
  if (env.nodeEnv === 'production' && env.sessionSecretGenerated) {
    logger.warn('SESSION_SECRET is not set: a random one is used, so flash messages do not survive a restart or cross processes');
  }
  const database = await openDatabase({ url: env.databaseUrl, dataDir: env.dataDir });
  await database.migrate();
  await seedIfEmpty(database, { demo: env.seedDemo, logger });
  const services = createServices({ database, env, logger });
  // Jobs (mail, digests, clean-ups) run in every app process; pg-boss hands each job to one of them.
  await services.jobs.start();

  let source;
  let vite: ViteDevServer | undefined;
  if (env.nodeEnv === 'production') {
    const buildPath = path.join(root, 'build/server/index.js');
    source = { build: (await import(buildPath)) as ServerBuild, clientDir: path.join(root, 'build/client') };
  } else {
    const { createServer } = await import('vite');
    vite = await createServer({ root, server: { middlewareMode: true } });
    const devServer = vite;
    source = {
      build: () => devServer.ssrLoadModule('virtual:remix/server-build') as Promise<ServerBuild>,
      viteMiddleware: devServer.middlewares,
    };
  }

  const { httpServer, io, drain } = createApp(services, source);
  httpServer.listen(env.port, env.host, () => {
    logger.info({ url: env.appUrl.href, database: database.kind }, 'Erasmus PTCE is listening');
  });

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    // Requests in flight get this long to finish; then their connections are cut and the exit says so.
    let cutOff = false;
    const cut = setTimeout(() => {
      cutOff = true;
      logger.warn('requests still running after 8 s: connections cut');
      httpServer.closeAllConnections();
    }, 8000);
    // Live sockets are told to leave first; then no new request is taken and the last answers are awaited.
    void io.local.disconnectSockets(true);
    drain(async () => {
      clearTimeout(cut);
      io.engine.close();
      await vite?.close();
      // Jobs being run finish (5 s at most; an unfinished one is retried by pg-boss) before the database closes.
      await services.jobs.stop({ timeoutMs: 5000 });
      // Leaves the socket.io cluster and closes its PostgreSQL pool (decision 012).
      await services.realtime.close();
      await database.close();
      logger.info('stopped');
      process.exit(cutOff ? 1 : 0);
    });
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

void main().catch((error: unknown) => {
  process.stderr.write(`Échec du démarrage : ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
