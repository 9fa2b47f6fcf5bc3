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
 * The moment the page being rendered must have its Spintly answers by: its first read plus the read budget. React's
 * cache is per request while a page renders, so every read of one page shares one deadline, and a page that reads
 * twice in a row still shows its error within one budget. Outside a render (actions, scripts) each read has its own.
 */
const pageDeadline = cache(() => ({ at: Date.now() + portalEnv().spintly.readBudgetMs }));

export function spintly(): SpintlyClient {
  if (!client) {
    const { spintly: config } = portalEnv();
    client = createSpintlyClient({ ...config, readDeadline: () => pageDeadline().at });
  }
  return client;
}

export { SpintlyError, isSpintlyError, type SpintlyErrorKind } from './errors';
export { CACHE_TAGS, type SpintlyClient } from './client';
