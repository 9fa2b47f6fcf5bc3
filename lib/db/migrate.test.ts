import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { checkSchema, migrate, openDatabase, pendingMigrations } from '.';
import { describeDatabases, TEST_POSTGRES_URL } from './test-databases';

describeDatabases('migrations', (database) => {
  it('a web instance refuses a schema that is behind, naming the command; after db:migrate it starts', async () => {
    const url = database.kind === 'sqlite' ? 'file::memory:' : TEST_POSTGRES_URL;
    const schema = database.kind === 'postgres' ? `m_${randomUUID().replace(/-/g, '').slice(0, 12)}` : undefined;
    const db = await openDatabase(url, { migrate: false, ...(schema && { schema }) });
    try {
      await expect(checkSchema(db, database.kind)).rejects.toThrow(/Run `npm run db:migrate`/);
      expect(await pendingMigrations(db, database.kind)).toContain('0001_initial');
      await migrate(db, database.kind);
      await expect(checkSchema(db, database.kind)).resolves.toBeUndefined();
      expect(await migrate(db, database.kind)).toEqual([]); // a second run has nothing to do
    } finally {
      if (schema) await db.schema.dropSchema(schema).cascade().execute();
      await db.destroy();
    }
  });

  it.runIf(database.kind === 'postgres')('two instances migrating at once do not race', async () => {
    const schema = `m_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    const [a, b] = await Promise.all([
      openDatabase(TEST_POSTGRES_URL, { schema }),
      openDatabase(TEST_POSTGRES_URL, { schema }),
    ]);
    try {
      await expect(checkSchema(a, 'postgres')).resolves.toBeUndefined();
      const applied = await a
        .selectFrom('kysely_migration' as never)
        .select('name' as never)
        .execute();
      const names = applied.map((row) => (row as { name: string }).name);
      expect(names).toContain('0001_initial');
      expect(new Set(names).size).toBe(names.length); // each applied exactly once
      expect(await pendingMigrations(b, 'postgres')).toEqual([]);
    } finally {
      await a.schema.dropSchema(schema).cascade().execute();
      await Promise.all([a.destroy(), b.destroy()]);
    }
  });
});
