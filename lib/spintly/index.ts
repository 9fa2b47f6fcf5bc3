import 'server-only';
import { cache } from 'react';
import { portalEnv } from '../env';
import { createSpintlyClient, type SpintlyClient } from './client';

/**
 * The portal's one Spintly client, built from the environment on first use. One per server process, so every
 * request shares its token, its cache and its concurrency limit.
 */
// On globalThis: the instance's start-up code (instrumentation.ts) is bundled apart from the pages, and both must
// share one client — one token, one cache, one write lane.
const shared = globalThis as typeof globalThis & {
  __portalSpintly?: SpintlyClient;
  __portalCacheBus?: { publish(tag: string): Promise<void> };
};

/**
 * The moment the page being rendered must have its Spintly answers by: its first read plus the read budget. React's
 * cache is per request while a page renders, so every read of one page shares one deadline, and a page that reads
 * twice in a row still shows its error within one budget. Outside a render (actions, scripts) each read has its own.
 */
const pageDeadline = cache(() => ({ at: Date.now() + portalEnv().spintly.readBudgetMs }));

export function spintly(): SpintlyClient {
  if (!shared.__portalSpintly) {
    const { spintly: config } = portalEnv();
    shared.__portalSpintly = createSpintlyClient({ ...config, readDeadline: () => pageDeadline().at });
  }
  return shared.__portalSpintly;
}

/** Where cache invalidations go out to every instance (Postgres); set at start-up by instrumentation.ts. */
export function setCacheBus(bus: { publish(tag: string): Promise<void> }) {
  shared.__portalCacheBus = bus;
}

/**
 * After the portal changes what a cache tag covers: dropped here and, on Postgres, on every other instance too (each
 * instance's listener drops it locally), so the next page load anywhere reads it fresh.
 */
export async function invalidateEverywhere(tag: string): Promise<void> {
  spintly().invalidate(tag);
  await shared.__portalCacheBus?.publish(tag);
}

export { SpintlyError, isSpintlyError, type SpintlyErrorKind } from './errors';
export { CACHE_TAGS, type SpintlyClient } from './client';
