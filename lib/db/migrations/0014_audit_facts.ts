import { sql, type Kysely } from 'kysely';

/**
 * Audit records get `facts`: structured JSON the sentence is built from, where it used to read the free-text
 * `detail` with regular expressions (so rewording a detail broke a sentence). Records written before this migration
 * get the facts their detail held, once, here; afterwards nothing reads detail.
 *
 * Frozen: the patterns below are the detail wordings as the portal wrote them up to this migration. They stay as
 * they are whatever the writers do later.
 */
type Derive = (detail: string) => Record<string, unknown> | null;

const card = (value: string | undefined) => (value === undefined || value === 'none' ? null : value);
const match =
  (pattern: RegExp, make: (m: RegExpExecArray) => Record<string, unknown>): Derive =>
  (detail) => {
    const m = pattern.exec(detail);
    return m ? make(m) : null;
  };

const jobItem = match(/^job (\S+) item (\d+): (\w+)/, (m) => ({ job: m[1], item: Number(m[2]), result: m[3] }));
const changeCounts = match(/^\+(\d+) −(\d+) cancel (\d+)$/, (m) => ({
  added: Number(m[1]),
  removed: Number(m[2]),
  cancelled: Number(m[3]),
}));
const bulkStart = match(/^(\w+) job (\S+): (\d+) people/, (m) => ({ change: m[1], job: m[2], people: Number(m[3]) }));
const routeAnswer: Derive = (detail) => {
  const m = /^(\d+) rows; (.*?)(; stopped by an error|; download cancelled)?$/.exec(detail);
  if (!m) return detail.startsWith('filter ') || detail === 'no filter' ? { filter: detail } : null;
  const ending = m[3] === undefined ? 'complete' : m[3].includes('error') ? 'error' : 'cancelled';
  return { rows: Number(m[1]), filter: m[2], ending };
};

const DERIVE: Record<string, Derive> = {
  'cards.issue': match(/^card (\S+)$/, (m) => ({ card: m[1] })),
  'cards.replace': match(/^card (\S+) → (\S+)$/, (m) => ({ card: card(m[1]), newCard: m[2] })),
  'cards.take_back': match(/^card (\S+)$/, (m) => ({ card: card(m[1]) })),
  // Its detail was the new operator's name, read by records from before targets had names.
  'operators.create': (d) => ({ name: d }),
  'people.set_active': (d) => (d === 'activated' ? { active: true } : d === 'deactivated' ? { active: false } : null),
  'people.create': match(/^person (\d+)(, confirmed after an ambiguous answer)?$/, (m) => ({
    person: Number(m[1]),
    ...(m[2] && { confirmedAfterAmbiguity: true }),
  })),
  'people.delete': match(/^by the portal: offboarded (\S+), OFFBOARD_DELETE_AFTER_DAYS=(\d+)$/, (m) => ({
    offboardedOn: m[1],
    afterDays: Number(m[2]),
  })),
  'people.import': jobItem,
  'people.offboard': jobItem,
  'people.bulk': jobItem,
  'permissions.change_door': (d) => jobItem(d) ?? changeCounts(d),
  'permissions.change_person': changeCounts,
  'jobs.start': match(/^offboard job (\S+)$/, (m) => ({ job: m[1] })),
  'jobs.start_bulk': bulkStart,
  'jobs.start_selection': bulkStart,
  'jobs.start_doors': match(/^door changes job (\S+): (\d+) doors/, (m) => ({ job: m[1], doors: Number(m[2]) })),
  'jobs.cancel': match(/^job (\S+)$/, (m) => ({ job: m[1] })),
  'visitors.register': match(/^visit (\S+?)(, returning visitor)?(?:, card (\S+))?$/, (m) => ({
    visit: m[1],
    returning: Boolean(m[2]),
    card: card(m[3]),
  })),
  'visitors.end': match(/^(.+?) \(visit (\S+)\)(?:, card (\S+) taken back)?$/, (m) => ({
    visitor: m[1],
    visit: m[2],
    card: card(m[3]),
  })),
  'visitors.extend': match(/^(.+?) \(visit (\S+)\) until (\S+)$/, (m) => ({ visitor: m[1], visit: m[2], until: m[3] })),
  'visitors.change_doors': match(/^(.+?) \(visit (\S+)\)$/, (m) => ({ visitor: m[1], visit: m[2] })),
  'visitors.expire': match(/^visit (\S+?)(?:, card (\S+))?$/, (m) => ({ visit: m[1], card: card(m[2]) })),
  'visitors.forget': match(/^VISITOR_RETENTION_DAYS=(\d+)$/, (m) => ({ afterDays: Number(m[1]) })),
  'sites.visitor_doors': match(/^(\d+) doors$/, (m) => ({ doors: Number(m[1]) })),
  'people.offboard_find': match(/^(\d+) entries, (\d+) people found$/, (m) => ({
    entries: Number(m[1]),
    found: Number(m[2]),
  })),
  'directory.sync': (d) =>
    d === 'already running' ? { alreadyRunning: true } : d === 'requested' ? { alreadyRunning: false } : null,
  'activity.export': routeAnswer,
  'audit.export': routeAnswer,
  'cards.export': routeAnswer,
  'jobs.export': routeAnswer,
  'people.export': routeAnswer,
  'people.import_file': routeAnswer,
};

/** Rows read per round: a large log is derived in bounded memory. */
const CHUNK = 1000;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('audit_log').addColumn('facts', 'text').execute();
  const actions = Object.keys(DERIVE);
  for (let after = ''; ;) {
    const rows = await sql<{ id: string; action: string; detail: string }>`
      select id, action, detail from audit_log
      where detail is not null and action in (${sql.join(actions)}) and id > ${after}
      order by id limit ${CHUNK}`.execute(db);
    for (const row of rows.rows) {
      const facts = DERIVE[row.action]?.(row.detail);
      if (facts) await sql`update audit_log set facts = ${JSON.stringify(facts)} where id = ${row.id}`.execute(db);
    }
    if (rows.rows.length < CHUNK) return;
    after = rows.rows[rows.rows.length - 1]!.id;
  }
}
