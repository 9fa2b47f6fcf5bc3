import { sql, type Kysely } from 'kysely';

/**
 * The names an audit record mentions, one per line, for the log's "about" search. It searched the targets' JSON,
 * where "door", "person", "id" or "name" matched every record (they are its keys and types), and a name could match
 * across two targets. Records written before this migration get theirs from that JSON once.
 *
 * Frozen: the rule below is this migration's own copy of lib/audit/sentence.ts's targetNames as it was, so a later
 * change there cannot change what this migration did.
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

/** Every target's name, one per line (spaces collapsed), or null when none has a name. */
function targetNames(targets: readonly { name?: unknown }[]): string | null {
  const names = targets
    .map((t) => (typeof t.name === 'string' ? t.name.replace(/\s+/g, ' ').trim() : ''))
    .filter(Boolean);
  return names.length > 0 ? names.join('\n') : null;
}
