import { defineConfig } from 'drizzle-kit';

// Migrations are generated from the schema and committed; the same SQL runs on PGlite and PostgreSQL 15.
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema.ts', // re-exports db/schema/*.ts
  out: './db/migrations',
});
