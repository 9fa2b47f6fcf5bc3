/**
 * The database layer's tests run twice: on SQLite (in memory) and on Postgres (`TEST_POSTGRES_URL`, default
 * postgres://portal:portal@127.0.0.1:5432/portal_test), each opened database in a schema of its own that is dropped
 * afterwards. Without a reachable Postgres the second half is skipped with the reason printed — except in CI
 * (`CI=true`), where that is a failure: CI installs and starts Postgres itself.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { afterAll, describe } from 'vitest';
import { openDatabase, type Dialect } from '.';
import type { Database } from './schema';

export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://portal:portal@127.0.0.1:5432/portal_test';

async function probe(): Promise<string | null> {
  const { Client } = await import('pg');
  const client = new Client({ connectionString: TEST_POSTGRES_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => {});
  }
}

const unreachable = await probe();
if (unreachable && process.env.CI === 'true')
  throw new Error(`Postgres is required in CI but ${TEST_POSTGRES_URL} is unreachable: ${unreachable}`);
if (unreachable) console.warn(`[tests] Postgres half skipped: ${TEST_POSTGRES_URL} unreachable (${unreachable})`);

export interface TestDatabase {
  kind: Dialect;
  /** A fresh, migrated database (a new schema on Postgres). */
  open: () => Promise<Kysely<Database>>;
  /** What the Postgres helpers need to reach the same schema from another connection. */
  url: string;
  schemaOf: (db: Kysely<Database>) => string | undefined;
}

const schemas = new WeakMap<Kysely<Database>, string>();
const created: string[] = [];

async function openPostgres(): Promise<Kysely<Database>> {
  const schema = `t_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  created.push(schema);
  const db = await openDatabase(TEST_POSTGRES_URL, { schema });
  schemas.set(db, schema);
  return db;
}

async function dropSchemas() {
  if (created.length === 0) return;
  const { Client } = await import('pg');
  const client = new Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  for (const schema of created.splice(0)) await client.query(`drop schema if exists "${schema}" cascade`);
  await client.end();
}

const SQLITE: TestDatabase = {
  kind: 'sqlite',
  open: () => openDatabase('file::memory:'),
  url: 'file::memory:',
  schemaOf: () => undefined,
};
const POSTGRES: TestDatabase = {
  kind: 'postgres',
  open: openPostgres,
  url: TEST_POSTGRES_URL,
  schemaOf: (db) => schemas.get(db),
};

/** `describe` once per database: SQLite, then Postgres (or a skipped Postgres block that says why). */
export function describeDatabases(title: string, body: (database: TestDatabase) => void) {
  describe(`${title} (SQLite)`, () => body(SQLITE));
  (unreachable ? describe.skip : describe)(`${title} (Postgres)`, () => {
    afterAll(dropSchemas);
    body(POSTGRES);
  });
}
