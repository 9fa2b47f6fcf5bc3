import { sql, type Kysely } from 'kysely';

/**
 * An audit record's targets as rows, so "everything that touched person 1013" is an indexed lookup instead of a LIKE
 * over a comma-joined string (which also found 10130). `audit_log.target_ids` stays, for the CSV's column.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('audit_targets')
    .addColumn('audit_id', 'text', (c) => c.notNull().references('audit_log.id').onDelete('cascade'))
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('audit_targets_pk', ['audit_id', 'target_id'])
    .execute();
  await db.schema.createIndex('audit_targets_target').on('audit_targets').columns(['target_id', 'audit_id']).execute();

  // Records written before this migration: split their comma-joined ids once.
  const rows = await sql<{ id: string; target_ids: string }>`
    select id, target_ids from audit_log where target_ids is not null and target_ids <> ''`.execute(db);
  const values = rows.rows.flatMap((row) =>
    [...new Set(row.target_ids.split(','))].map((target) => ({ audit_id: row.id, target_id: target })),
  );
  for (let i = 0; i < values.length; i += 500)
    await (db as Kysely<{ audit_targets: { audit_id: string; target_id: string } }>)
      .insertInto('audit_targets')
      .values(values.slice(i, i + 500))
      .execute();
}
