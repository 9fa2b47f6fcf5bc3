import 'server-only';
import type { z } from 'zod';
import type { JobItemAction } from '../audit/actions';
import { audit, THE_PORTAL } from '../audit/log';
import type { AuditTarget } from '../audit/sentence';
import { Refusal } from '../core/refusal';
import { PORTAL_STARTER, type JobOperator } from './operator';
import type { ItemContext, ItemFailure, ItemResult, JobKind } from './runner';

type Outcome = ItemResult | ItemFailure;

/** What an item's audit record is about: its targets with names, and its site (a site admin reads their sites'). */
export type ItemAbout<I> = (
  input: I,
  result: Outcome,
  ctx: ItemContext<JobOperator>,
) => Promise<{ targets: AuditTarget[]; siteId: number | null }>;

export interface JobKindSpec<S extends z.ZodType> {
  /** The kind as `jobs.kind` stores it (an interface: stored jobs name it). */
  name: string;
  /** An item's input as its job stored it: parsed before each item runs, so `process` gets it typed. */
  input: S;
  /** The audit name each item is recorded under, as the starter's own action would record it. */
  audit: JobItemAction;
  /** The item's targets and site for its audit record; default: the person of a person-centred item. */
  about?: ItemAbout<z.output<S>>;
  /** The item's work; throws (a Refusal, a SpintlyError) with a message an admin can read when it cannot be done. */
  process: (input: z.output<S>, ctx: ItemContext<JobOperator>) => Promise<ItemResult>;
}

export interface DefinedJobKind extends JobKind<JobOperator> {
  name: string;
}

/** The shape every person-centred item (import row, offboarding, bulk change) shares. */
interface PersonItem {
  personId?: number | null;
  name?: string;
  homeSiteId?: number;
}

/** A person-centred item: the person from its outcome or, when it failed, from its input. */
export async function aboutPerson(input: PersonItem, result: Outcome) {
  const personId = ('personId' in result ? result.personId : null) ?? input.personId ?? null;
  const name = ('personName' in result ? result.personName : undefined) ?? input.name;
  const siteId = ('siteId' in result ? result.siteId : undefined) ?? input.homeSiteId ?? null;
  const targets: AuditTarget[] = personId === null ? [] : [{ type: 'person', id: personId, ...(name && { name }) }];
  return { targets, siteId };
}

/**
 * The one way to declare a job kind: its stored name, a zod schema for an item's input (no casts in `process`), the
 * audit name its items are recorded under, and the work. Every item, done or failed, gets its audit record as its
 * starter, with facts (job, item, result) and the admin-readable message as the detail.
 */
export function defineJobKind<S extends z.ZodType>(spec: JobKindSpec<S>): DefinedJobKind {
  const parse = (raw: unknown): z.output<S> => {
    const parsed = spec.input.safeParse(raw);
    if (!parsed.success)
      throw new Refusal('This item’s saved data could not be read, so it was skipped. Start a new job for it.', {
        reason: 'validation',
      });
    return parsed.data;
  };
  const about = spec.about ?? ((input: z.output<S>, result: Outcome) => aboutPerson(input as PersonItem, result));
  return {
    name: spec.name,
    process: (raw, ctx) => spec.process(parse(raw), ctx),
    async recorded({ seq, input: raw, result }, ctx) {
      const parsed = spec.input.safeParse(raw);
      const { targets, siteId } = parsed.success
        ? await about(parsed.data, result, ctx)
        : { targets: [], siteId: null };
      const { operator, job, db } = ctx;
      const failed = result.status === 'failed';
      // The portal's own jobs (a company that ended) are recorded as "The portal", not as an operator.
      const actor = operator.id === PORTAL_STARTER ? THE_PORTAL : operator;
      await audit.record(db, actor, spec.audit, {
        outcome: failed ? 'failed' : 'ok',
        targets,
        siteId,
        // A refusal (outside their sites, gone from Spintly, Spintly said no) reads as one, not as a breakage.
        reason: failed ? result.reason : null,
        facts: { job: job.id, item: seq, result: 'outcome' in result ? result.outcome : 'failed' },
        detail: result.message?.slice(0, 500) ?? null,
      });
    },
  };
}
