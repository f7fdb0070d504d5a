import { parseEnv } from '#app/utils/env.server';
import { openDatabase } from '#db/client';
import { seedDatabase } from './seed';

/** `npm run db:seed`: reference data always, demo accounts when demo mode is on. Safe to re-run. */
const env = parseEnv(process.env);
const database = await openDatabase({ url: env.databaseUrl, dataDir: env.dataDir });
await database.migrate();
await seedDatabase(database.db, { demo: env.seedDemo });
process.stdout.write(`Données chargées (${database.kind}${env.seedDemo ? ', avec les comptes de démonstration' : ''}).\n`);
await database.close();
