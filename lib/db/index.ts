import 'server-only';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, type LogEvent, type Migration } from 'kysely';
import { ConfigError, portalEnv } from '../env';
import { observeQuery } from '../observability/metrics';
import { recordQuerySpan } from '../observability/tracing';
import { withStatementCache } from './statement-cache';
import * as initial from './migrations/0001_initial';
import * as sessionRevocations from './migrations/0002_session_revocations';
import * as auditTargets from './migrations/0003_audit_targets';
import * as worker from './migrations/0004_worker';
import * as directory from './migrations/0005_directory';
import * as runRequests from './migrations/0006_run_requests';
import * as activity from './migrations/0007_activity';
import * as auditReadable from './migrations/0008_audit_readable';
import * as doorHolders from './migrations/0009_door_holders';
import * as jobs from './migrations/0010_jobs';
import * as offboarded from './migrations/0011_offboarded';
import * as visitors from './migrations/0012_visitors';
import * as auditNames from './migrations/0013_audit_names';
import * as auditFacts from './migrations/0014_audit_facts';
import * as companies from './migrations/0015_companies';
import * as auditCompanies from './migrations/0016_audit_companies';
import * as activityCompanies from './migrations/0017_activity_companies';
import * as grants from './migrations/0018_grants';
import * as termHolders from './migrations/0019_term_holders';
import * as accessGroups from './migrations/0020_access_groups';
import * as signInIndex from './migrations/0021_sign_in_index';
import * as secondFactor from './migrations/0022_second_factor';
import * as reviews from './migrations/0023_reviews';
import * as visitorNotice from './migrations/0024_visitor_notice';
import * as erasureRequests from './migrations/0025_erasure_requests';
import * as peopleExpiring from './migrations/0026_people_expiring';
import * as deniedToday from './migrations/0027_denied_today';
import type { Database } from './schema';

/**
 * The portal's own store, behind one Kysely instance. SQLite (a file under ./data) by default;
 * `DATABASE_URL=postgres://…` switches to Postgres with no other change.
 *
 * Migrating is a step of its own (`npm run db:migrate`; the demo, the e2e setup and the bench run it): a web
 * instance never migrates, it checks that the schema is current and refuses to start otherwise, so several instances
 * starting at once cannot race over it. Kysely's migrator takes a lock while it migrates (an advisory lock on
 * Postgres; SQLite has one writer), so two `db:migrate` runs at once are safe too.
 */
export type Dialect = 'sqlite' | 'postgres';

const MIGRATIONS: Record<string, { up: (db: Kysely<unknown>, dialect: Dialect) => Promise<void> }> = {
  '0001_initial': initial,
  '0002_session_revocations': sessionRevocations,
  '0003_audit_targets': auditTargets,
  '0004_worker': worker,
  '0005_directory': directory,
  '0006_run_requests': runRequests,
  '0007_activity': activity,
  '0008_audit_readable': auditReadable,
  '0009_door_holders': doorHolders,
  '0010_jobs': jobs,
  '0011_offboarded': offboarded,
  '0012_visitors': visitors,
  '0013_audit_names': auditNames,
  '0014_audit_facts': auditFacts,
  '0015_companies': companies,
  '0016_audit_companies': auditCompanies,
  '0017_activity_companies': activityCompanies,
  '0018_grants': grants,
  '0019_term_holders': termHolders,
  '0020_access_groups': accessGroups,
  '0021_sign_in_index': signInIndex,
  '0022_second_factor': secondFactor,
  '0023_reviews': reviews,
  '0024_visitor_notice': visitorNotice,
  '0025_erasure_requests': erasureRequests,
  '0026_people_expiring': peopleExpiring,
  '0027_denied_today': deniedToday,
};

export const dialectOf = (url: string): Dialect => (url.startsWith('file:') ? 'sqlite' : 'postgres');

export interface OpenOptions {
  /** Bring the schema up to date first (scripts and tests); a web instance only checks it. Default true. */
  migrate?: boolean;
  /** Postgres only: use this schema (created if missing) instead of `public` — each test file gets its own. */
  schema?: string;
}

export async function openDatabase(url: string, options: OpenOptions = {}): Promise<Kysely<Database>> {
  const dialect = dialectOf(url);
  let db: Kysely<Database>;
  if (dialect === 'sqlite') {
    const { default: SQLite } = await import('better-sqlite3');
    const path = url.slice('file:'.length);
    if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
    const sqlite = new SQLite(path);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    // 64 MB of page cache (SQLite's default is 2 MB): a 100,000-person directory's lists are served from memory.
    sqlite.pragma('cache_size = -65536');
    // WAL with NORMAL sync: a commit is safe from a crash of the portal, and costs no fsync (the WAL is synced at
    // checkpoints). A power cut could lose the last commits; the access events among them are read back by the history
    // repair, and the rest is what an operator would retry. FULL cost every webhook batch an fsync (~10 ms here).
    sqlite.pragma('synchronous = NORMAL');
    db = new Kysely<Database>({
      dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
      log: observed('sqlite'),
    });
  } else {
    const { Pool } = await import('pg');
    if (options.schema) {
      const setup = new Pool({ connectionString: url, max: 1 });
      // Two openers at once can both find it missing; the loser's "already exists" is the outcome it wanted.
      await setup
        .query(`create schema if not exists "${options.schema.replace(/"/g, '')}"`)
        .catch((error: { code?: string }) => {
          if (error.code !== '23505' && error.code !== '42P06') throw error;
        })
        .finally(() => setup.end());
    }
    const pool = new Pool({
      connectionString: url,
      max: 10,
      ...(options.schema && { options: `-c search_path=${options.schema}` }),
    });
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log: observed('postgresql') });
  }
  if (options.schema) migrationSchemas.set(db, options.schema);
  if (options.migrate ?? true) await migrate(db, dialect);
  return db;
}

/**
 * Every query's time into the metrics (by statement kind; never its text or parameters) and, when tracing is on, a
 * span with its parameterised text.
 */
const observed = (system: 'sqlite' | 'postgresql') => (event: LogEvent) => {
  observeQuery(event.query.sql, event.queryDurationMillis);
  recordQuerySpan(system, event.query.sql, event.queryDurationMillis);
};

/** Databases opened in a schema of their own: the migrator keeps its tables there too. */
const migrationSchemas = new WeakMap<Kysely<Database>, string>();

function migrator(db: Kysely<Database>, dialect: Dialect) {
  const migrations: Record<string, Migration> = Object.fromEntries(
    Object.entries(MIGRATIONS).map(([name, migration]) => [
      name,
      { up: (k: Kysely<unknown>) => migration.up(k, dialect) },
    ]),
  );
  const schema = migrationSchemas.get(db);
  return new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    ...(schema && { migrationTableSchema: schema }),
  });
}

/** Applies every migration not yet applied; returns their names. */
export async function migrate(db: Kysely<Database>, dialect: Dialect): Promise<string[]> {
  const { error, results } = await migrator(db, dialect).migrateToLatest();
  if (error) throw new Error(`database migration failed: ${error instanceof Error ? error.message : String(error)}`);
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Migrations the database has not had yet (all of them for an empty one). */
export async function pendingMigrations(db: Kysely<Database>, dialect: Dialect): Promise<string[]> {
  const known = await migrator(db, dialect).getMigrations();
  return known.filter((m) => m.executedAt === undefined).map((m) => m.name);
}

/** Refuses a database whose schema is behind this code, naming the command that brings it up to date. */
export async function checkSchema(db: Kysely<Database>, dialect: Dialect): Promise<void> {
  const pending = await pendingMigrations(db, dialect);
  if (pending.length > 0)
    throw new ConfigError(
      `The portal's database schema is behind (${pending.length} migration${pending.length === 1 ? '' : 's'} not applied: ${pending.join(', ')}). Run \`npm run db:migrate\` with the same DATABASE_URL, then start the portal again.`,
    );
}

let shared: Promise<Kysely<Database>> | undefined;

/** The process's database, opened once; refuses a schema that is behind, naming the command that fixes it. */
export function db(): Promise<Kysely<Database>> {
  shared ??= (async () => {
    const url = portalEnv().databaseUrl;
    const database = await openDatabase(url, { migrate: false });
    try {
      await checkSchema(database, dialectOf(url));
    } catch (error) {
      await database.destroy();
      throw error;
    }
    return database;
  })().catch((error: unknown) => {
    shared = undefined;
    throw error;
  });
  return shared;
}

export type { Database } from './schema';
