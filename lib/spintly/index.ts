import 'server-only';
import { portalEnv } from '../env';
import { createSpintlyClient, type SpintlyClient } from './client';

/**
 * The portal's one Spintly client, built from the environment on first use. One per server process, so every
 * request shares its token, its cache and its concurrency limit.
 */
let client: SpintlyClient | undefined;

export function spintly(): SpintlyClient {
  if (!client) {
    const { spintly: config } = portalEnv();
    client = createSpintlyClient(config);
  }
  return client;
}

export { SpintlyError, isSpintlyError, type SpintlyErrorKind } from './errors';
export { CACHE_TAGS, type SpintlyClient } from './client';
