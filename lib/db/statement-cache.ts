import type { SqliteDatabase, SqliteStatement } from 'kysely';
import { setBounded } from '../core/bounded-map';

/** The part of a better-sqlite3 statement the cache needs beyond Kysely's view of it. */
interface CachedStatement extends SqliteStatement {
  /** True while an `iterate()` over it is open: it cannot run again until that ends. */
  readonly busy: boolean;
}

interface PreparingDatabase {
  prepare(sql: string): CachedStatement;
  close(): unknown;
}

/**
 * Kysely's SQLite driver prepares every query anew (better-sqlite3 `prepare`, ~20–50 µs each: about half a millisecond
 * of a page that runs ten queries). This keeps prepared statements by their SQL text, so a query the portal runs again
 * — the same shape with other values — is compiled once. Bounded (`max`, least recently used dropped), since an
 * `in (?, ?, …)` list makes a new text for each length. A statement still open in an `iterate()` (a streamed export) is
 * busy and cannot run twice at once: the caller then gets a fresh one (Kysely's one connection is behind a mutex, so
 * this is a guard, not a path it takes).
 */
export function withStatementCache(database: PreparingDatabase, max = 500): SqliteDatabase {
  const statements = new Map<string, CachedStatement>();
  return {
    prepare(sql) {
      const kept = statements.get(sql);
      if (kept && !kept.busy) {
        // Map order is insertion order: moving a hit to the end makes the first entry the least recently used.
        statements.delete(sql);
        statements.set(sql, kept);
        return kept;
      }
      const fresh = database.prepare(sql);
      if (!kept) setBounded(statements, sql, fresh, max);
      return fresh;
    },
    close() {
      statements.clear();
      database.close();
    },
  };
}
