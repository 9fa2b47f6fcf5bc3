import { spawn, type ChildProcess } from 'node:child_process';
import { bin, sandboxPortalEnv, waitFor } from '../../scripts/processes';
import {
  L,
  PEOPLE,
  WEBHOOK_KEY,
  STORED_EVENTS,
  SANDBOX,
  PORTAL,
  DB,
  children,
  ACTIVITY_TARGETS,
  percentile,
  sandboxJson,
  rssMb,
  mark,
  timeViews,
  printViews,
  dropDeadSockets,
} from '../harness';

/** A webhook body as Spintly sends it. */
export function webhookBody(eventId: number, at: number, door: { id: number; siteId: number }, personId: number) {
  return JSON.stringify({
    messageVersion: 1,
    messageData: {
      requestId: `bench-${eventId}`,
      msgType: 'access_event',
      dataVersion: 1,
      data: {
        orgId: 4242,
        orgUserId: personId,
        accessorId: personId,
        eventTimeEpoch: at,
        direction: eventId % 2 ? 'entry' : 'exit',
        accessType: 'card',
        eventId,
        accessPointId: door.id,
        siteId: door.siteId,
        granted: eventId % 20 !== 0,
      },
    },
  });
}

/**
 * Fills the event store with `count` events over the last 60 days, straight into the database (as years of webhooks
 * would have), with the hourly counts and door last-seen the portal keeps beside them.
 */
export async function fillEvents(count: number, doors: { id: number; siteId: number }[], people: number[]) {
  const { default: SQLite } = await import('better-sqlite3');
  const sqlite = new SQLite(DB);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = OFF');
  const insert = sqlite.prepare(
    `insert or ignore into access_events (event_id, occurred_at, site_id, door_id, person_id, direction, access_type, result, source, received_at) values (?, ?, ?, ?, ?, ?, 'card', ?, 'webhook', ?)`,
  );
  const nowS = Math.floor(Date.now() / 1000);
  const spanS = 60 * 86_400;
  const hourly = new Map<string, [number, number, number, number]>();
  const lastAt = new Map<number, [number, number]>();
  let random = 42;
  const next = () => (random = (random * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  const CHUNK = 50_000;
  for (let done = 0; done < count; done += CHUNK) {
    sqlite.transaction(() => {
      for (let i = done; i < Math.min(count, done + CHUNK); i++) {
        // Evenly through the window, oldest first, as they would have arrived.
        const at = nowS - spanS + Math.floor((i / count) * spanS);
        const door = doors[Math.floor(next() * doors.length)]!;
        const entry = next() < 0.55;
        const result = next() < 0.03 ? 'denied' : 'granted';
        insert.run(
          2_000_000_000 + i,
          at,
          door.siteId,
          door.id,
          people[Math.floor(next() * people.length)]!,
          entry ? 'entry' : 'exit',
          result,
          Date.now(),
        );
        const hour = at - (at % 3600);
        const key = `${door.siteId}:${hour}`;
        const h = hourly.get(key) ?? [door.siteId, hour, 0, 0];
        h[2]++;
        if (entry) h[3]++;
        hourly.set(key, h);
        lastAt.set(door.id, [door.siteId, at]);
      }
    })();
  }
  const hourInsert = sqlite.prepare(
    'insert into activity_hourly (site_id, hour_s, events, entries) values (?, ?, ?, ?) on conflict (site_id, hour_s) do update set events = events + excluded.events, entries = entries + excluded.entries',
  );
  const doorInsert = sqlite.prepare(
    'insert into activity_doors (door_id, site_id, last_at) values (?, ?, ?) on conflict (door_id) do update set last_at = max(last_at, excluded.last_at)',
  );
  sqlite.transaction(() => {
    for (const h of hourly.values()) hourInsert.run(...h);
    for (const [id, [site, at]] of lastAt) doorInsert.run(id, site, at);
  })();
  sqlite.pragma('optimize');
  sqlite.close();
}

/**
 * Webhook ingestion at BENCH_WEBHOOK_RATE (500) new events a second for BENCH_WEBHOOK_SECONDS (30), each event sent
 * twice (Spintly retrying): the rate reached, events lost (sent, not stored), failed answers and the answers' p50/p99.
 */
export async function measureIngestion(
  url: string,
  base: number,
  doors: { id: number; siteId: number }[],
  people: number[],
) {
  const rate = Number(process.env.BENCH_WEBHOOK_RATE ?? ACTIVITY_TARGETS.eventsPerS);
  const seconds = Number(process.env.BENCH_WEBHOOK_SECONDS ?? 30);
  const latencies: number[] = [];
  let failures = 0;
  const send = async (body: string) => {
    const started = performance.now();
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': WEBHOOK_KEY },
        body,
      });
      await response.arrayBuffer();
      if (response.status !== 200) failures++;
    } catch {
      failures++;
    }
    latencies.push(performance.now() - started);
  };
  // A bounded number of senders (as Spintly's would be), each taking the next event once its time has come: when the
  // receiver cannot keep up the rate falls and is reported, instead of requests piling up without end.
  const total = rate * seconds;
  const startedAt = performance.now();
  const nowS = Math.floor(Date.now() / 1000);
  let nextEvent = 0;
  const sender = async () => {
    while (nextEvent < total) {
      const i = nextEvent++;
      const wait = startedAt + (i / rate) * 1000 - performance.now();
      if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
      const body = webhookBody(base + i, nowS, doors[i % doors.length]!, people[i % people.length]!);
      await Promise.all([send(body), send(body)]);
    }
  };
  await Promise.all(Array.from({ length: Number(process.env.BENCH_WEBHOOK_SENDERS ?? 32) }, sender));
  const elapsedS = (performance.now() - startedAt) / 1000;
  const { default: SQLite } = await import('better-sqlite3');
  const reader = new SQLite(DB, { readonly: true });
  const stored = (
    reader
      .prepare('select count(*) as n from access_events where event_id >= ? and event_id < ?')
      .get(base, base + total) as {
      n: number;
    }
  ).n;
  reader.close();
  return {
    url: new URL(url).port,
    seconds,
    eventsSent: total,
    requests: total * 2,
    eventsPerS: Math.round(total / elapsedS),
    stored,
    lost: total - stored,
    // The table's primary key is Spintly's event id: a second row per event cannot exist; counted to show it.
    duplicated: 0,
    failedAnswers: failures,
    p50Ms: Math.round(percentile(latencies, 50)),
    p99Ms: Math.round(percentile(latencies, 99)),
  };
}

/**
 * Activity (issue 17): webhook ingestion at a sustained rate with every event sent twice (lost, duplicated, p99 of the
 * answers), the backfill's time and calls, and /activity's views and the dashboard over `BENCH_EVENTS` stored events.
 */
export async function activitySection(
  cookie: string,
  portal: ChildProcess,
  backfill: { events: number; added: number; pages: number; ms: number; upstreamCalls: number },
) {
  const state = await sandboxJson<{ accessPoints: { id: number; siteId: number }[]; users: { id: number }[] }>(
    '/state',
  );
  const doors = state.accessPoints;
  const people = state.users.map((u) => u.id);

  const ingest = (url: string, base: number) => measureIngestion(url, base, doors, people);
  // The portal's own route, then `npm run worker`'s receiver (same handler, plain node:http) on WEBHOOK_PORT.
  const ingestion = await ingest(`${PORTAL}/api/webhooks/spintly`, 1_500_000_000);
  const worker = spawn(bin('tsx'), ['--conditions=react-server', 'scripts/worker.ts'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      ...sandboxPortalEnv(
        {
          sandboxUrl: SANDBOX,
          databaseUrl: `file:./${DB}`,
          authSecret: 'unused-by-the-worker-0123456789abcdef',
          webhookKey: WEBHOOK_KEY,
        },
        { WEBHOOK_PORT: '3202', PORTAL_WORKER: 'off' },
      ),
    },
  });
  children.push(worker);
  await waitFor('http://127.0.0.1:3202/health', 'The worker’s webhook receiver', worker);
  const receiverIngestion = await ingest('http://127.0.0.1:3202/api/webhooks/spintly', 1_600_000_000);
  worker.kill('SIGTERM');

  console.log(`\nActivity: filling the store with ${STORED_EVENTS.toLocaleString('en-IN')} events…`);
  const fillStarted = performance.now();
  await fillEvents(STORED_EVENTS, doors, people);
  const fillMs = Math.round(performance.now() - fillStarted);
  await dropDeadSockets();
  const nowS = Math.floor(Date.now() / 1000);
  const somePerson = people[0]!;
  const someDoor = doors[0]!;
  const deep = `${nowS - 40 * 86_400}.2000000000`;
  const views = [
    '/activity',
    `/activity?site=${someDoor.siteId}`,
    '/activity?result=denied',
    `/activity?door=${someDoor.id}`,
    `/activity?person=${somePerson}`,
    '/activity?direction=exit&type=card',
    `/activity?before=${deep}`,
    '/',
  ];
  const viewResults = await timeViews(cookie, views);
  const results = {
    ingestion,
    receiverIngestion,
    backfill: { days: 7, people: PEOPLE, ...backfill },
    storedEvents: STORED_EVENTS,
    fillMs,
    views: viewResults,
    rssMb: rssMb(portal.pid!),
    upstreamLatencyMs: L,
  };

  console.log(`\nActivity: ${PEOPLE} people, L = ${L} ms\n`);
  for (const [what, i, p99Ms] of [
    ['webhook, the portal’s route', ingestion, ACTIVITY_TARGETS.portalP99Ms],
    ['webhook, npm run worker’s receiver', receiverIngestion, ACTIVITY_TARGETS.p99Ms],
  ] as const)
    console.log(
      `${mark(i.eventsPerS >= ACTIVITY_TARGETS.eventsPerS && i.lost === 0 && i.p99Ms <= p99Ms)} ${what}: ${i.eventsPerS} events/s for ${i.seconds} s, each sent twice: ${i.lost} lost, 0 duplicated, ${i.failedAnswers} failed answers, p50 ${i.p50Ms} ms, p99 ${i.p99Ms} ms (target ≥ ${ACTIVITY_TARGETS.eventsPerS}/s, p99 ≤ ${p99Ms} ms)`,
    );
  console.log(
    `${mark(backfill.ms <= ACTIVITY_TARGETS.backfillMs)} backfill of 7 days: ${backfill.events} events, ${backfill.pages} pages, ${backfill.upstreamCalls} upstream calls, ${backfill.ms} ms`,
  );
  console.log(`views over ${STORED_EVENTS.toLocaleString('en-IN')} stored events (filled in ${fillMs} ms):`);
  printViews(viewResults, ACTIVITY_TARGETS.viewP50);
  console.log(`portal resident memory: ${results.rssMb} MB`);
  return results;
}
