import type * as EnvModule from '../env';
import { describe, expect, it, vi } from 'vitest';
import { metrics, observeQuery, observeSpintlyCall, observeWebhookEvents, scrape, setMetricSource } from './metrics';

let metricsToken: string | null = null;
vi.mock('../env', async (original) => {
  const actual = await original<typeof EnvModule>();
  return {
    ...actual,
    portalEnv: () => ({ ...actual.portalEnv({}), operations: { metricsToken, logFormat: 'text', processes: 1 } }),
  };
});

const value = (text: string, series: string) =>
  Number(
    text
      .split('\n')
      .find((line) => line.startsWith(`${series} `))
      ?.split(' ')[1] ?? Number.NaN,
  );

describe('the metrics registry', () => {
  it('counts Spintly calls by endpoint, status and outcome, with their durations', async () => {
    observeSpintlyCall({ endpoint: 'listUsers', status: 200, durationMs: 120, outcome: 'ok' });
    observeSpintlyCall({ endpoint: 'listUsers', status: 200, durationMs: 80, outcome: 'ok' });
    observeSpintlyCall({ endpoint: 'token', status: null, durationMs: 3000, outcome: 'retry' });
    const { text, contentType } = await scrape();
    expect(contentType).toContain('text/plain');
    expect(value(text, 'portal_spintly_requests_total{endpoint="listUsers",status="200",outcome="ok"}')).toBe(2);
    expect(value(text, 'portal_spintly_requests_total{endpoint="token",status="none",outcome="retry"}')).toBe(1);
    expect(value(text, 'portal_spintly_request_duration_seconds_sum{endpoint="listUsers",outcome="ok"}')).toBeCloseTo(
      0.2,
    );
  });

  it('reads database figures at scrape time and keeps the scrape answering when a source fails', async () => {
    let queued = 3;
    setMetricSource('portal_job_queue_depth', async () => ({ queued, running: 1 }));
    setMetricSource('portal_directory_age_seconds', async () => {
      throw new Error('database gone');
    });
    expect(value((await scrape()).text, 'portal_job_queue_depth{state="queued"}')).toBe(3);
    queued = 0;
    const { text } = await scrape();
    expect(value(text, 'portal_job_queue_depth{state="queued"}')).toBe(0);
    expect(text).toContain('# TYPE portal_directory_age_seconds gauge');
  });

  it('is one registry per process, whoever asks; names follow Prometheus rules and carry no ids', async () => {
    expect(metrics()).toBe(metrics());
    observeQuery('select * from people where id = ?', 2);
    observeWebhookEvents('stored', 2, [1.5, 0.5]);
    const { text } = await scrape();
    expect(value(text, 'portal_db_query_duration_seconds_count{statement="select"}')).toBeGreaterThanOrEqual(1);
    expect(value(text, 'portal_webhook_events_received_total{outcome="stored"}')).toBe(2);
    for (const line of text.split('\n').filter((l) => l.startsWith('# TYPE portal_'))) {
      const [, , name, type] = line.split(' ');
      if (type === 'counter') expect(name).toMatch(/_total$/);
    }
    expect(text).not.toMatch(/person|door_id|user_id/);
  });
});

describe('GET /api/metrics', () => {
  const get = async (authorization?: string) => {
    const { GET } = await import('../../app/api/metrics/route');
    return GET(new Request('http://portal.test/api/metrics', authorization ? { headers: { authorization } } : {}));
  };

  it('does not exist without METRICS_TOKEN, refuses a missing or wrong token, answers the right one', async () => {
    metricsToken = null;
    expect((await get('Bearer anything-at-all-here')).status).toBe(404);
    metricsToken = 'scrape-token-0123456789';
    expect((await get()).status).toBe(401);
    expect((await get('Bearer scrape-token-9876543210')).status).toBe(401);
    const ok = await get('Bearer scrape-token-0123456789');
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('portal_spintly_requests_total');
  });
});
