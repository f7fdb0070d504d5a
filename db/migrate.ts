import { parseEnv } from '#app/utils/env.server';
import { openDatabase } from '#db/client';

/** `npm run db:migrate`: applies the committed migrations (the app also does it at start). */
const env = parseEnv(process.env);
const database = await openDatabase({ url: env.databaseUrl, dataDir: env.dataDir });
await database.migrate();
process.stdout.write(`Migrations appliquées (${database.kind}).\n`);
await database.close();
