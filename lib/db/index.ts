import 'server-only';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, type Migration } from 'kysely';
import { portalEnv } from '../env';
import * as initial from './migrations/0001_initial';
import * as sessionRevocations from './migrations/0002_session_revocations';
import * as auditTargets from './migrations/0003_audit_targets';
import type { Database } from './schema';

/**
 * The portal's own store, behind one Kysely instance. SQLite (a file under ./data, created on first use) by default;
 * `DATABASE_URL=postgres://…` switches to Postgres with no other change. Migrations run before first use.
 */
type Dialect = 'sqlite' | 'postgres';

const MIGRATIONS: Record<string, { up: (db: Kysely<unknown>, dialect: Dialect) => Promise<void> }> = {
  '0001_initial': initial,
  '0002_session_revocations': sessionRevocations,
  '0003_audit_targets': auditTargets,
};

export async function openDatabase(url: string): Promise<Kysely<Database>> {
  const dialect: Dialect = url.startsWith('file:') ? 'sqlite' : 'postgres';
  let db: Kysely<Database>;
  if (dialect === 'sqlite') {
    const { default: SQLite } = await import('better-sqlite3');
    const path = url.slice('file:'.length);
    if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
    const sqlite = new SQLite(path);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  } else {
    const { Pool } = await import('pg');
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new Pool({ connectionString: url, max: 10 }) }) });
  }
  const migrations: Record<string, Migration> = Object.fromEntries(
    Object.entries(MIGRATIONS).map(([name, migration]) => [
      name,
      { up: (k: Kysely<unknown>) => migration.up(k, dialect) },
    ]),
  );
  const { error } = await new Migrator({ db, provider: { getMigrations: async () => migrations } }).migrateToLatest();
  if (error) throw new Error(`database migration failed: ${error instanceof Error ? error.message : String(error)}`);
  return db;
}

let shared: Promise<Kysely<Database>> | undefined;

/** The process's database, opened and migrated once. */
export function db(): Promise<Kysely<Database>> {
  shared ??= openDatabase(portalEnv().databaseUrl).catch((error: unknown) => {
    shared = undefined;
    throw error;
  });
  return shared;
}

export type { Database } from './schema';
