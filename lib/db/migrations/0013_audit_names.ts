import { sql, type Kysely } from 'kysely';
import { targetNames } from '../../audit/sentence';

/**
 * The names an audit record mentions, one per line, for the log's "about" search. It searched the targets' JSON,
 * where "door", "person", "id" or "name" matched every record (they are its keys and types), and a name could match
 * across two targets. Records written before this migration get theirs from that JSON once.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('audit_log').addColumn('target_names', 'text').execute();
  const rows = await sql<{ id: string; targets: string }>`
    select id, targets from audit_log where targets is not null`.execute(db);
  for (const row of rows.rows) {
    const names = targetNames(parse(row.targets));
    if (names !== null) await sql`update audit_log set target_names = ${names} where id = ${row.id}`.execute(db);
  }
}

function parse(json: string): { name?: unknown }[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? (value as { name?: unknown }[]) : [];
  } catch {
    return [];
  }
}
