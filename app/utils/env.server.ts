import { randomBytes } from 'node:crypto';
import { z } from 'zod';

const booleanFlag = z.enum(['0', '1', 'true', 'false']).transform((value) => value === '1' || value === 'true');

const expectations = {
  NODE_ENV: 'development, production ou test',
  PORT: 'un entier entre 1 et 65535',
  HOST: 'une adresse d’écoute, par exemple 0.0.0.0',
  DATABASE_URL: 'une URL postgres://utilisateur@hôte:port/base',
  DATA_DIR: 'un chemin de dossier',
  APP_URL: 'une URL complète, par exemple https://erasmus-ptce.fr',
  SMTP_URL: 'une URL smtp:// ou smtps://',
  MAIL_FROM: 'une adresse d’expéditeur',
  SESSION_SECRET: 'une chaîne aléatoire d’au moins 32 caractères',
  SEED_DEMO: '0 ou 1',
  TRUST_PROXY: 'le nombre de proxys de confiance devant l’application, un entier de 0 à 10 (0 : aucun, 1 : un proxy inverse)',
  LOG_LEVEL: 'fatal, error, warn, info, debug, trace ou silent',
} as const;

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/.+/)
    .optional(),
  DATA_DIR: z.string().min(1).default('.data'),
  APP_URL: z.string().url().optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/.+/)
    .optional(),
  MAIL_FROM: z.string().min(3).default('Erasmus PTCE <ne-pas-repondre@erasmus-ptce.fr>'),
  SESSION_SECRET: z.string().min(32).optional(),
  SEED_DEMO: booleanFlag.optional(),
  // A number of hops, never `true`: Express would then believe whatever X-Forwarded-For a client writes.
  TRUST_PROXY: z
    .string()
    .regex(/^\d{1,2}$/)
    .transform(Number)
    .pipe(z.number().int().min(0).max(10))
    .default('0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Env = {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  appUrl: URL;
  /** Cookies get `Secure` and the `__Host-` prefix only when the public URL is https. */
  secureCookies: boolean;
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Signs the short-lived message cookie; generated per process when unset (set it for several processes). */
  sessionSecret: string;
  sessionSecretGenerated: boolean;
  seedDemo: boolean;
  /** Proxies in front of the app: Express takes the client address this many hops from the right of X-Forwarded-For. */
  trustProxy: number;
  logLevel: string;
};

export class EnvError extends Error {}

/** Parses the environment once; a bad value throws one line naming the variable and what it expects. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ''));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const name = String(issue.path[0]) as keyof typeof expectations;
    const received = source[name];
    throw new EnvError(
      `Configuration invalide : ${name} doit être ${expectations[name] ?? issue.message}` + (received === undefined ? '' : ` (reçu « ${received} »)`),
    );
  }
  const env = result.data;
  const appUrl = new URL(env.APP_URL ?? `http://localhost:${env.PORT}`);
  return {
    nodeEnv: env.NODE_ENV,
    port: env.PORT,
    host: env.HOST,
    databaseUrl: env.DATABASE_URL,
    dataDir: env.DATA_DIR,
    appUrl,
    secureCookies: appUrl.protocol === 'https:',
    smtpUrl: env.SMTP_URL,
    mailFrom: env.MAIL_FROM,
    sessionSecret: env.SESSION_SECRET ?? randomBytes(32).toString('base64url'),
    sessionSecretGenerated: !env.SESSION_SECRET,
    // Demo data is on by default with the embedded database, opt-in on PostgreSQL.
    seedDemo: env.SEED_DEMO ?? !env.DATABASE_URL,
    trustProxy: env.TRUST_PROXY,
    logLevel: env.LOG_LEVEL,
  };
}
