import 'server-only';

/**
 * Telling every portal instance that something cached is stale, through Postgres LISTEN/NOTIFY: an instance that
 * changes what a cache tag covers publishes the tag, and every instance (itself included) drops it. On SQLite there
 * is one instance, and nothing to tell.
 */
export const CACHE_CHANNEL = 'portal_cache';

export interface CacheBus {
  publish(tag: string): Promise<void>;
  close(): Promise<void>;
}

export async function postgresCacheBus(url: string, onTag: (tag: string) => void): Promise<CacheBus> {
  const { Client } = await import('pg');
  const listener = new Client({ connectionString: url });
  await listener.connect();
  listener.on('notification', (message) => {
    if (message.channel === CACHE_CHANNEL && message.payload) onTag(message.payload);
  });
  listener.on('error', () => {});
  await listener.query(`listen ${CACHE_CHANNEL}`);
  return {
    async publish(tag) {
      await listener.query('select pg_notify($1, $2)', [CACHE_CHANNEL, tag]);
    },
    async close() {
      await listener.end().catch(() => {});
    },
  };
}
