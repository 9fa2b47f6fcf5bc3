import 'server-only';
import { cache } from 'react';
import { portalEnv } from '../env';
import { createSpintlyClient, type SpintlyClient } from './client';

/**
 * The portal's one Spintly client, built from the environment on first use. One per server process, so every
 * request shares its token, its cache and its concurrency limit.
 */
let client: SpintlyClient | undefined;

/**
 * What the instance's start-up code (instrumentation.ts, bundled apart from the pages, with classes of its own) tells
 * the pages' client through globalThis: plain numbers and functions only, never objects whose classes `instanceof`
 * would have to recognise across bundles.
 */
const shared = globalThis as typeof globalThis & {
  /** Portal instances up, for this instance's share of the write lane. */
  __portalInstances?: number;
  /** Publishes a cache tag to every instance (Postgres LISTEN/NOTIFY). */
  __portalPublishTag?: (tag: string) => Promise<void>;
  /** Every client in this process that drops a tag when another instance says so. */
  __portalTagListeners?: Set<(tag: string) => void>;
};

/**
 * The moment the page being rendered must have its Spintly answers by: its first read plus the read budget. React's
 * cache is per request while a page renders, so every read of one page shares one deadline, and a page that reads
 * twice in a row still shows its error within one budget. Outside a render (actions, scripts) each read has its own.
 */
const pageDeadline = cache(() => ({ at: Date.now() + portalEnv().spintly.readBudgetMs }));

export function spintly(): SpintlyClient {
  if (!client) {
    const { spintly: config } = portalEnv();
    const created = createSpintlyClient({ ...config, readDeadline: () => pageDeadline().at });
    (shared.__portalTagListeners ??= new Set()).add((tag) => created.invalidate(tag));
    client = created;
  }
  // Cheap to repeat: the share only changes when the number of instances does.
  client.shareWriteLane(shared.__portalInstances ?? 1);
  return client;
}

/** Start-up code: how many portal instances are up now. */
export function setInstanceCount(instances: number) {
  shared.__portalInstances = instances;
}

/** Start-up code: a tag another instance invalidated; every client in this process drops it. */
export function dropTagLocally(tag: string) {
  for (const listener of shared.__portalTagListeners ?? []) listener(tag);
}

/** Where cache invalidations go out to every instance (Postgres); set at start-up by instrumentation.ts. */
export function setCacheBus(bus: { publish(tag: string): Promise<void> }) {
  shared.__portalPublishTag = (tag) => bus.publish(tag);
}

/**
 * After the portal changes what a cache tag covers: dropped here and, on Postgres, on every other instance too (each
 * instance's listener drops it locally), so the next page load anywhere reads it fresh.
 */
export async function invalidateEverywhere(tag: string): Promise<void> {
  dropTagLocally(tag);
  await shared.__portalPublishTag?.(tag);
}

export { SpintlyError, isSpintlyError, type SpintlyErrorKind } from './errors';
export { CACHE_TAGS, type SpintlyClient } from './client';
