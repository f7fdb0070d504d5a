import { randomBytes } from 'node:crypto';
import { createServer, type Server as HttpServer } from 'node:http';
import path from 'node:path';
import { createRequestHandler } from '@remix-run/express';
import type { ServerBuild } from '@remix-run/node';
import compression from 'compression';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import type { AppContext, AppServices } from '#app/context.server';
import { attachSockets } from './sockets';

type BuildSource = { build: ServerBuild | (() => Promise<ServerBuild>); clientDir?: string; viteMiddleware?: express.RequestHandler };

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The HTTP application: headers, logs, origin check, health, static files, Remix,
 * and socket.io on the same server. Used by the entry file and by the tests.
 */
export function createApp(services: AppServices, source: BuildSource) {
  const { env, logger } = services;
  const app = express();
  app.disable('x-powered-by');
  if (env.trustProxy) app.set('trust proxy', true);

  app.use((_req, res, next) => {
    res.locals.cspNonce = randomBytes(16).toString('base64');
    next();
  });
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'", (_req, res) => `'nonce-${(res as Response).locals.cspNonce}'`],
          // Vite injects styles from JavaScript while developing; production serves only files.
          styleSrc: env.nodeEnv === 'production' ? ["'self'"] : ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'https://tile.openstreetmap.org'],
          connectSrc: env.nodeEnv === 'production' ? ["'self'"] : ["'self'", 'ws:'],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          upgradeInsecureRequests: env.secureCookies ? [] : null,
        },
      },
      strictTransportSecurity: env.secureCookies ? { maxAge: 15552000 } : false,
      crossOriginEmbedderPolicy: false,
      // Not helmet's `no-referrer`: under it browsers send `Origin: null` with form posts,
      // which the origin check below must refuse. `same-origin` still leaks nothing to other sites.
      referrerPolicy: { policy: 'same-origin' },
    }),
  );
  app.use(compression());
  app.use(
    pinoHttp({
      logger,
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url?.startsWith('/assets/') === true },
      // Method, path and status are enough; headers (cookies among them) stay out of the log.
      serializers: {
        req: (req: { method: string; url: string; id: unknown }) => ({ id: req.id, method: req.method, url: req.url }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    }),
  );

  app.get('/healthz', async (_req, res) => {
    const healthy = await pingWithTimeout(services);
    res.status(healthy ? 200 : 503).json({ status: healthy ? 'ok' : 'unavailable', database: services.dbKind });
  });

  // Cross-site request forgery: a state change must come from a page of this site.
  app.use((req, res, next) => {
    if (safeMethods.has(req.method)) return next();
    const origin = req.get('origin');
    const ownOrigins = [env.appUrl.origin, `${req.protocol}://${req.get('host')}`];
    if (!origin || !ownOrigins.includes(origin)) {
      res.status(403).type('text/plain; charset=utf-8').send('Requête refusée : origine absente ou étrangère au site.');
      return;
    }
    next();
  });

  if (source.viteMiddleware) app.use(source.viteMiddleware);
  if (source.clientDir) {
    app.use('/assets', express.static(path.join(source.clientDir, 'assets'), { immutable: true, maxAge: '1y' }));
    app.use(express.static(source.clientDir, { maxAge: '1h' }));
  }

  app.all(
    '*',
    createRequestHandler({
      build: source.build,
      mode: env.nodeEnv,
      getLoadContext: (req, res): AppContext => ({ ...services, cspNonce: res.locals.cspNonce, clientIp: req.ip ?? 'unknown' }),
    }),
  );

  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    logger.error({ err: error, url: req.url }, 'unhandled express error');
    if (!res.headersSent) res.status(500).type('text/plain; charset=utf-8').send('Erreur interne du serveur.');
  });

  const httpServer: HttpServer = createServer(app);
  const io = attachSockets(httpServer, services);
  return { app, httpServer, io };
}

async function pingWithTimeout(services: AppServices): Promise<boolean> {
  const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 2000).unref());
  return Promise.race([services.checkDatabase(), timeout]);
}
