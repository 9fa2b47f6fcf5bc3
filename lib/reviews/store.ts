import 'server-only';
import type { Kysely, Selectable } from 'kysely';
import type {
  Database,
  ReviewDecision,
  ReviewerKind,
  ReviewItemsTable,
  ReviewScopeKind,
  ReviewsTable,
} from '../db/schema';

/**
 * Access review campaigns (issue 31) in the portal's database: the campaign, its reviewers, and the frozen items with
 * their decisions and what applying them did. Decisions are one UPDATE per request however many items it names, and
 * only on an open campaign's items not yet applied, so a decision cannot be changed after the door was taken.
 */
export interface ReviewItemDraft {
  personId: number;
  personName: string;
  personActive: boolean;
  doorId: number;
  doorName: string;
  siteId: number;
  source: string;
  since: string | null;
  lastEntryS: number | null;
}

export interface NewReview {
  id: string;
  name: string;
  scopeKind: ReviewScopeKind;
  scopeId: number | null;
  scopeLabel: string;
  reviewerKind: ReviewerKind;
  dueOn: string;
  unreviewed: ReviewDecision;
  createdBy: { id: string; name: string };
}

export type Review = ReturnType<typeof toReview>;

const toReview = (row: Selectable<ReviewsTable>) => ({
  id: row.id,
  name: row.name,
  scopeKind: row.scope_kind,
  scopeId: row.scope_id === null ? null : Number(row.scope_id),
  scopeLabel: row.scope_label,
  reviewerKind: row.reviewer_kind,
  dueOn: row.due_on,
  unreviewed: row.unreviewed,
  status: row.status,
  items: Number(row.items),
  createdBy: row.created_by,
  createdByName: row.created_by_name,
  createdAt: row.created_at,
  closedAt: row.closed_at,
  closedByName: row.closed_by_name,
});

export type ReviewItem = ReturnType<typeof toItem>;

const toItem = (row: Selectable<ReviewItemsTable>) => ({
  id: Number(row.id),
  personId: Number(row.person_id),
  personName: row.person_name,
  personActive: Number(row.person_active) === 1,
  doorId: Number(row.door_id),
  doorName: row.door_name,
  siteId: Number(row.site_id),
  source: row.source,
  since: row.since,
  lastEntryS: row.last_entry_s === null ? null : Number(row.last_entry_s),
  decision: row.decision,
  comment: row.comment,
  decidedByName: row.decided_by_name,
  decidedAt: row.decided_at,
  appliedAt: row.applied_at,
  outcome: row.outcome,
});

const INSERT_CHUNK = 500;

export async function createReview(
  db: Kysely<Database>,
  review: NewReview,
  reviewerIds: readonly string[],
  items: readonly ReviewItemDraft[],
  now = new Date(),
) {
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('reviews')
      .values({
        id: review.id,
        name: review.name,
        scope_kind: review.scopeKind,
        scope_id: review.scopeId,
        scope_label: review.scopeLabel,
        reviewer_kind: review.reviewerKind,
        due_on: review.dueOn,
        unreviewed: review.unreviewed,
        status: 'open',
        items: items.length,
        created_by: review.createdBy.id,
        created_by_name: review.createdBy.name,
        created_at: now.toISOString(),
        closed_at: null,
        closed_by_name: null,
      })
      .execute();
    const reviewers = [...new Set(reviewerIds)];
    if (reviewers.length > 0)
      await tx
        .insertInto('review_reviewers')
        .values(reviewers.map((operator_id) => ({ review_id: review.id, operator_id })))
        .execute();
    for (let i = 0; i < items.length; i += INSERT_CHUNK)
      await tx
        .insertInto('review_items')
        .values(
          items.slice(i, i + INSERT_CHUNK).map((item) => ({
            review_id: review.id,
            person_id: item.personId,
            person_name: item.personName,
            person_active: item.personActive ? 1 : 0,
            door_id: item.doorId,
            door_name: item.doorName,
            site_id: item.siteId,
            source: item.source,
            since: item.since,
            last_entry_s: item.lastEntryS,
            decision: null,
            comment: null,
            decided_by: null,
            decided_by_name: null,
            decided_at: null,
            applied_at: null,
            outcome: null,
          })),
        )
        .execute();
  });
}

export async function getReview(db: Kysely<Database>, id: string): Promise<Review | null> {
  const row = await db.selectFrom('reviews').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toReview(row) : null;
}

export async function reviewerIdsOf(db: Kysely<Database>, reviewId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('review_reviewers')
    .select('operator_id')
    .where('review_id', '=', reviewId)
    .execute();
  return rows.map((r) => r.operator_id);
}

/** Campaigns an operator may open: every one for a super admin, else those they review or started. */
export async function reviewsFor(db: Kysely<Database>, operator: { id: string; role: string }) {
  let query = db.selectFrom('reviews').selectAll();
  if (operator.role !== 'super_admin')
    query = query.where((eb) =>
      eb.or([
        eb('created_by', '=', operator.id),
        eb('id', 'in', eb.selectFrom('review_reviewers').select('review_id').where('operator_id', '=', operator.id)),
      ]),
    );
  const rows = await query
    .orderBy('status', 'desc')
    .orderBy('due_on')
    .orderBy('created_at', 'desc')
    .limit(200)
    .execute();
  return rows.map(toReview);
}

/**
 * How many items are undecided, kept and revoked (one pass over the review's index entries, no row read), and how
 * many revocations still wait to be applied (reads only the revoked rows).
 */
export async function reviewCounts(db: Kysely<Database>, reviewId: string) {
  const [rows, waiting] = await Promise.all([
    db
      .selectFrom('review_items')
      .select(['decision', (eb) => eb.fn.countAll<number>().as('n')])
      .where('review_id', '=', reviewId)
      .groupBy('decision')
      .execute(),
    db
      .selectFrom('review_items')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('review_id', '=', reviewId)
      .where('decision', '=', 'revoke')
      .where('applied_at', 'is', null)
      .executeTakeFirstOrThrow(),
  ]);
  const of = (d: ReviewDecision | null) => Number(rows.find((r) => r.decision === d)?.n ?? 0);
  return { undecided: of(null), keep: of('keep'), revoke: of('revoke'), revokesToApply: Number(waiting.n) };
}

export type ItemFilter = 'undecided' | 'keep' | 'revoke' | 'all';

/** One page of a campaign's items, by person then door, with the total that matches. */
export async function reviewItems(
  db: Kysely<Database>,
  reviewId: string,
  options: {
    filter: ItemFilter;
    search?: string | undefined;
    page: number;
    perPage: number;
    /** The count, when the caller has it already (no search: the review's counts say it). */
    knownTotal?: number | undefined;
  },
) {
  let query = db.selectFrom('review_items').where('review_id', '=', reviewId);
  if (options.filter === 'undecided') query = query.where('decision', 'is', null);
  else if (options.filter !== 'all') query = query.where('decision', '=', options.filter);
  if (options.search) {
    const like = `%${options.search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or([eb(eb.fn('lower', ['person_name']), 'like', like), eb(eb.fn('lower', ['door_name']), 'like', like)]),
    );
  }
  const [rows, total] = await Promise.all([
    query
      .selectAll()
      .orderBy('person_name')
      .orderBy('id')
      .limit(options.perPage)
      .offset((options.page - 1) * options.perPage)
      .execute(),
    options.knownTotal !== undefined && !options.search
      ? { n: options.knownTotal }
      : query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toItem), total: Number(total.n) };
}

/**
 * Records a decision on some items of an open campaign: only items of that campaign, not yet applied. Returns how
 * many changed.
 */
export async function decide(
  db: Kysely<Database>,
  reviewId: string,
  itemIds: readonly number[],
  decision: ReviewDecision,
  by: { id: string; name: string },
  comment: string | null,
  now = new Date(),
): Promise<number> {
  if (itemIds.length === 0) return 0;
  const result = await db
    .updateTable('review_items')
    .set({
      decision,
      comment,
      decided_by: by.id,
      decided_by_name: by.name,
      decided_at: now.toISOString(),
    })
    .where('review_id', '=', reviewId)
    .where('id', 'in', [...itemIds])
    .where('applied_at', 'is', null)
    .where((eb) =>
      eb.exists(eb.selectFrom('reviews').select('id').where('id', '=', reviewId).where('status', '=', 'open')),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Revocations decided and not yet applied: what an "Apply" job takes. */
export async function revocationsToApply(db: Kysely<Database>, reviewId: string) {
  const rows = await db
    .selectFrom('review_items')
    .selectAll()
    .where('review_id', '=', reviewId)
    .where('decision', '=', 'revoke')
    .where('applied_at', 'is', null)
    .orderBy('person_name')
    .orderBy('id')
    .execute();
  return rows.map(toItem);
}

export async function getItem(db: Kysely<Database>, itemId: number) {
  const row = await db.selectFrom('review_items').selectAll().where('id', '=', itemId).executeTakeFirst();
  return row ? { ...toItem(row), reviewId: row.review_id } : null;
}

/** What applying an item did, in words for the evidence ("Door taken away", "Already gone"). */
export async function markApplied(db: Kysely<Database>, itemId: number, outcome: string, now = new Date()) {
  await db
    .updateTable('review_items')
    .set({ applied_at: now.toISOString(), outcome })
    .where('id', '=', itemId)
    .execute();
}

/**
 * Closes a campaign: every item nobody decided takes the campaign's default, decided by "the campaign's default";
 * kept items are marked applied (nothing to do). Returns how many items the default decided.
 */
export async function closeReview(
  db: Kysely<Database>,
  review: Review,
  by: { name: string },
  now = new Date(),
): Promise<number> {
  const at = now.toISOString();
  return db.transaction().execute(async (tx) => {
    const closed = await tx
      .updateTable('reviews')
      .set({ status: 'closed', closed_at: at, closed_by_name: by.name })
      .where('id', '=', review.id)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (Number(closed.numUpdatedRows) !== 1) return 0;
    const defaulted = await tx
      .updateTable('review_items')
      .set({ decision: review.unreviewed, decided_by_name: 'The campaign’s default', decided_at: at })
      .where('review_id', '=', review.id)
      .where('decision', 'is', null)
      .executeTakeFirst();
    await tx
      .updateTable('review_items')
      .set({ applied_at: at, outcome: 'Kept' })
      .where('review_id', '=', review.id)
      .where('decision', '=', 'keep')
      .where('applied_at', 'is', null)
      .execute();
    return Number(defaulted.numUpdatedRows);
  });
}

/** Every item of a campaign, in pages, for the evidence CSV. */
export async function* allItems(db: Kysely<Database>, reviewId: string, chunk = 1000) {
  let after = 0;
  for (;;) {
    const rows = await db
      .selectFrom('review_items')
      .selectAll()
      .where('review_id', '=', reviewId)
      .where('id', '>', after)
      .orderBy('id')
      .limit(chunk)
      .execute();
    for (const row of rows) yield toItem(row);
    if (rows.length < chunk) return;
    after = Number(rows[rows.length - 1]!.id);
  }
}

/** Open campaigns due by `day` that this operator reviews (or all, for a super admin): the home page's list. */
export async function reviewsDueBy(db: Kysely<Database>, operator: { id: string; role: string }, day: string) {
  return (await reviewsFor(db, operator)).filter((r) => r.status === 'open' && r.dueOn <= day);
}
