import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { withStatementCache } from './statement-cache';

const open: SQLite.Database[] = [];
function database() {
  const sqlite = new SQLite(':memory:');
  sqlite.exec('create table people (id integer primary key, name text)');
  const insert = sqlite.prepare('insert into people (id, name) values (?, ?)');
  for (let id = 1; id <= 5; id++) insert.run(id, `Person ${id}`);
  open.push(sqlite);
  return sqlite;
}
afterEach(() => {
  for (const sqlite of open.splice(0)) if (sqlite.open) sqlite.close();
});

describe('withStatementCache', () => {
  it('prepares a query once and runs it again with other values', () => {
    const sqlite = database();
    const prepare = vi.spyOn(sqlite, 'prepare');
    const cached = withStatementCache(sqlite);
    const byId = 'select name from people where id = ?';
    expect(cached.prepare(byId).all([2])).toEqual([{ name: 'Person 2' }]);
    expect(cached.prepare(byId).all([4])).toEqual([{ name: 'Person 4' }]);
    expect(prepare).toHaveBeenCalledTimes(1);
  });

  it('keeps at most `max` statements, dropping the least recently used', () => {
    const sqlite = database();
    const prepare = vi.spyOn(sqlite, 'prepare');
    const cached = withStatementCache(sqlite, 2);
    const [a, b, c] = ['select 1 as n', 'select 2 as n', 'select 3 as n'];
    cached.prepare(a);
    cached.prepare(b);
    cached.prepare(a); // a is now the most recently used
    cached.prepare(c); // drops b
    expect(prepare).toHaveBeenCalledTimes(3);
    cached.prepare(a);
    expect(prepare).toHaveBeenCalledTimes(3);
    cached.prepare(b);
    expect(prepare).toHaveBeenCalledTimes(4);
  });

  it('gives a fresh statement while the kept one is open in an iteration', () => {
    const sqlite = database();
    const cached = withStatementCache(sqlite);
    const everyone = 'select id from people order by id';
    const kept = cached.prepare(everyone);
    const rows = (kept as unknown as SQLite.Statement).iterate();
    expect(rows.next().value).toEqual({ id: 1 });
    const other = cached.prepare(everyone);
    expect(other).not.toBe(kept);
    expect(other.all([])).toHaveLength(5);
    rows.return?.();
    expect(cached.prepare(everyone)).toBe(kept);
  });

  it('serves Kysely: the same query with other values, inserts and updates', async () => {
    const sqlite = database();
    const db = new Kysely<{ people: { id: number; name: string } }>({
      dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
    });
    const nameOf = async (id: number) =>
      (await db.selectFrom('people').select('name').where('id', '=', id).executeTakeFirst())?.name;
    expect(await nameOf(1)).toBe('Person 1');
    expect(await nameOf(3)).toBe('Person 3');
    await db.insertInto('people').values({ id: 6, name: 'Person 6' }).execute();
    await db.updateTable('people').set({ name: 'Renamed' }).where('id', '=', 3).execute();
    expect(await nameOf(3)).toBe('Renamed');
    expect(await nameOf(6)).toBe('Person 6');
    const { rows } = await sql<{ n: number }>`select count(*) as n from people`.execute(db);
    expect(rows[0]?.n).toBe(6);
    await db.destroy();
    expect(sqlite.open).toBe(false);
  });
});
