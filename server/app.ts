import { randomBytes } from 'node:crypto';
import { createServer, type Server as HttpServer } from 'node:http';
import path from 'node:path';
import { createRequestHandler } from '@remix-run/express';
import { createRequestHandler as createRemixHandler, writeReadableStreamToWritable, type ServerBuild } from '@remix-run/node';
import compression from 'compression';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import onHeaders from 'on-headers';
import { pinoHttp } from 'pino-http';
import type { AppContext, AppServices } from '#app/context.server';
import { loggableUrl, serializeError } from '#app/utils/logger.server';
import { isOwnOrigin } from './origin';
import { inspectRequest } from './request-guard';
import { attachSockets } from './sockets';

type BuildSource = { build: ServerBuild | (() => Promise<ServerBuild>); clientDir?: string; viteMiddleware?: express.RequestHandler };

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The HTTP application: headers, logs, the edge's refusals, origin check, health, static files,
 * Remix, and socket.io on the same server. Used by the entry file and by the tests.
 * `drain()` starts a graceful shutdown (see server/index.ts).
 */
export function createApp(services: AppServices, source: BuildSource) {
  const { env, logger } = services;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', env.trustProxy); // a number of hops: X-Forwarded-For entries left of our proxies' are ignored

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
  // Once draining, every answer closes its connection, so keep-alive clients leave at once.
  let draining = false;
  app.use((_req, res, next) => {
    if (draining) res.set('Connection', 'close');
    next();
  });
  app.use(compression());
  app.use(
    pinoHttp({
      logger,
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url?.startsWith('/assets/') === true },
      // Method, path and status are enough; headers (cookies among them) stay out of the log.
      serializers: {
        req: (req: { method: string; url: string; id: unknown }) => ({ id: req.id, method: req.method, url: loggableUrl(req.url) }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
        err: serializeError,
      },
      customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    }),
  );

  app.get('/healthz', async (_req, res) => {
    const healthy = await pingWithTimeout(services);
    res.status(healthy ? 200 : 503).json({ status: healthy ? 'ok' : 'unavailable', database: services.dbKind });
  });

  const loadContext = (req: Request, res: Response): AppContext => ({ ...services, cspNonce: res.locals.cspNonce, clientIp: req.ip ?? 'unknown' });

  // The French error page for a request no route may see, rendered by Remix's root error boundary.
  const renderRemix = createRemixHandler(source.build, env.nodeEnv);
  async function sendErrorPage(req: Request, res: Response, status: number) {
    const headers = new Headers();
    for (const name of ['cookie', 'accept-language']) {
      const value = req.get(name);
      if (value) headers.set(name, value);
    }
    // Any path matching no page: only the root loader runs, and it throws the status.
    const page = await renderRemix(new Request(new URL('/erreur', env.appUrl), { headers }), { ...loadContext(req, res), refusedStatus: status });
    res.status(page.status);
    page.headers.forEach((value, name) => res.append(name, value));
    if (page.body) await writeReadableStreamToWritable(page.body, res);
    else res.end();
  }

  // Malformed addresses, NUL characters, bodies that are not forms or are too big: refused here, once for every route.
  app.use((req, res, next) => {
    // An answer sent before its request's body was read (a refusal, a page without a form) closes
    // the connection: the unread bytes would otherwise be taken for the next request.
    onHeaders(res, () => {
      if (!req.complete) res.setHeader('Connection', 'close');
    });
    const refusal = inspectRequest(req);
    if (!refusal) return next();
    logger.warn({ status: refusal.status, reason: refusal.reason, method: req.method }, 'request refused at the edge');
    sendErrorPage(req, res, refusal.status).catch(next);
  });

  // Cross-site request forgery: a state change must come from a page of this site.
  app.use((req, res, next) => {
    if (safeMethods.has(req.method)) return next();
    const origin = req.get('origin');
    if (!origin || !isOwnOrigin(origin, { appUrl: env.appUrl, host: req.get('host') })) {
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
      getLoadContext: loadContext,
    }),
  );

  // What a middleware could not handle: a client error keeps its status (static files answer 400
  // for a bad path), anything else is logged and shown as the 500 page, in French, without details.
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const status = clientErrorStatus(error);
    if (status) logger.warn({ status, url: loggableUrl(req.originalUrl) }, 'request refused');
    else logger.error({ err: error, url: loggableUrl(req.originalUrl) }, 'unhandled express error');
    if (res.headersSent) return void res.end();
    sendErrorPage(req, res, status ?? 500).catch((renderError: unknown) => {
      logger.error({ err: renderError }, 'error page failed');
      if (!res.headersSent)
        res
          .status(status ?? 500)
          .type('text/plain; charset=utf-8')
          .send('Erreur du serveur.');
    });
  });

  const httpServer: HttpServer = createServer(app);
  const io = attachSockets(httpServer, services);

  /**
   * Stops taking requests: the listening socket closes, idle keep-alive connections close now, and
   * busy ones as soon as their answer is sent (a request arriving from now on is answered with
   * `Connection: close`; a connection busy at the signal is swept as soon as it falls idle).
   * `closed` fires when the last connection is gone.
   */
  function drain(closed: () => void) {
    draining = true;
    const sweep = setInterval(() => httpServer.closeIdleConnections(), 50);
    httpServer.close(() => {
      clearInterval(sweep);
      closed();
    });
    httpServer.closeIdleConnections();
  }
  return { app, httpServer, io, drain };
}

function clientErrorStatus(error: unknown): number | null {
  const status = (error as { status?: unknown; statusCode?: unknown } | null)?.status ?? (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : null;
}

async function pingWithTimeout(services: AppServices): Promise<boolean> {
  const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 2000).unref());
  return Promise.race([services.checkDatabase(), timeout]);
}
