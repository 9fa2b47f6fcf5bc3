import 'server-only';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { verifySession } from '../auth/session';
import { db } from '../db';
import { portalEnv } from '../env';
import { dayOf, formatDateTime, showDay } from '../format';
import { holdingsOf } from '../privacy/erasure';
import { getRequest, listRequests, type ErasureRequest } from '../privacy/requests';

const STATUS_TEXT = { open: 'Open', erased: 'Erased', refused: 'Refused' } as const;

function view(request: ErasureRequest, today: string) {
  const { display } = portalEnv();
  return {
    id: request.id,
    subject: request.subjectLabel,
    subjectId: request.subjectId,
    kind: request.subjectKind === 'visitor' ? 'Visitor' : 'Member',
    requestedBy: request.requestedBy,
    received: showDay(request.receivedOn),
    due: showDay(request.dueOn),
    overdue: request.status === 'open' && request.dueOn < today,
    status: STATUS_TEXT[request.status],
    open: request.status === 'open',
    outcome: request.outcome,
    deleteInSpintly: request.deleteInSpintly,
    recorded: `${formatDateTime(request.recordedAt, display)} by ${request.recordedByName}`,
    closed: request.closedAt ? `${formatDateTime(request.closedAt, display)} by ${request.closedByName}` : null,
  };
}

/** A person or visitor to record a request about, found by name, phone or email (members and visitors alike). */
async function findSubjects(text: string) {
  const database = await db();
  const like = `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const [people, visitors] = await Promise.all([
    database
      .selectFrom('people')
      .select(['id', 'name', 'email', 'phone'])
      .where((eb) =>
        eb.or([
          eb(eb.fn('lower', ['name']), 'like', like),
          eb(eb.fn('lower', ['email']), 'like', like),
          eb('phone', 'like', like),
        ]),
      )
      .orderBy('name_sort')
      .limit(20)
      .execute(),
    database
      .selectFrom('visits')
      .select(['visitor_id', 'visitor_name', 'visitor_phone'])
      .distinct()
      .where((eb) => eb.or([eb(eb.fn('lower', ['visitor_name']), 'like', like), eb('visitor_phone', 'like', like)]))
      .where('visitor_name', '!=', 'An erased person')
      .limit(20)
      .execute(),
  ]);
  const found = new Map<number, { id: number; name: string; contact: string }>();
  for (const p of people)
    found.set(Number(p.id), { id: Number(p.id), name: p.name, contact: p.email ?? p.phone ?? '' });
  for (const v of visitors)
    if (!found.has(Number(v.visitor_id)))
      found.set(Number(v.visitor_id), {
        id: Number(v.visitor_id),
        name: `${v.visitor_name} (visitor)`,
        contact: v.visitor_phone,
      });
  return [...found.values()];
}

export const privacyQuerySchema = z.object({
  find: z.string().trim().min(2).max(100).optional().catch(undefined),
  subject: z.coerce.number().int().positive().optional().catch(undefined),
});

/** `/privacy`: the requests (open first, by due day), a search for whom a new one is about, and its form. */
export async function privacyPage(raw: Record<string, unknown>) {
  await verifySession({ capability: 'privacy:manage' });
  const query = privacyQuerySchema.parse(raw);
  const { display } = portalEnv();
  const today = dayOf(Date.now(), display.timeZone);
  const database = await db();
  const [requests, found, subject, kept] = await Promise.all([
    listRequests(database),
    query.find ? findSubjects(query.find) : Promise.resolve(null),
    query.subject ? holdingsOf(database, query.subject) : Promise.resolve(null),
    retention(),
  ]);
  return {
    query,
    today: showDay(today),
    requests: requests.map((r) => view(r, today)),
    retention: kept,
    found,
    subject:
      query.subject && subject ? { id: query.subject, name: subject.name ?? `Spintly user ${query.subject}` } : null,
  };
}

/**
 * How long the portal keeps each class of personal data (the settings in force), and what each purge last removed,
 * as the worker recorded it: counts, never contents.
 */
async function retention() {
  const { activity, visitors, worker, display } = portalEnv();
  const classes = [
    {
      what: 'Access events',
      kept: `${activity.retentionDays} days`,
      setting: 'ACTIVITY_RETENTION_DAYS',
      task: 'activity.retention',
    },
    {
      what: 'Visitors and their visits',
      kept: `${visitors.retentionDays} days after the last visit`,
      setting: 'VISITOR_RETENTION_DAYS',
      task: 'visitors.retention',
    },
    {
      what: 'Audit records, sign-ins included',
      kept: `${worker.auditRetentionDays} days`,
      setting: 'AUDIT_RETENTION_DAYS',
      task: 'audit.retention',
    },
    { what: 'Failed sign-in attempts', kept: '15 minutes', setting: '—', task: 'sign_in_attempts.prune' },
  ];
  const database = await db();
  return Promise.all(
    classes.map(async (c) => {
      const run = await database
        .selectFrom('worker_runs')
        .select(['finished_at', 'counts'])
        .where('task', '=', c.task)
        .where('outcome', '=', 'ok')
        .orderBy('started_at', 'desc')
        .executeTakeFirst();
      const removed = run?.counts ? Number((JSON.parse(run.counts) as { removed?: number }).removed ?? 0) : null;
      return {
        ...c,
        lastPurge: run?.finished_at
          ? `${formatDateTime(run.finished_at, display)}: ${removed ?? 0} removed`
          : 'Not run yet',
      };
    }),
  );
}

/** `/privacy/[id]`: one request, and what the portal holds about its subject now. */
export async function requestPage(id: string) {
  await verifySession({ capability: 'privacy:manage' });
  const database = await db();
  const request = z.string().uuid().safeParse(id).success ? await getRequest(database, id) : null;
  if (!request) notFound();
  const today = dayOf(Date.now(), portalEnv().display.timeZone);
  return { request: view(request, today), holdings: await holdingsOf(database, request.subjectId) };
}
