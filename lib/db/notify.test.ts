import { afterEach, expect, it } from 'vitest';
import { describeDatabases } from './test-databases';
import { postgresCacheBus, type CacheBus } from './notify';

const buses: CacheBus[] = [];
afterEach(async () => {
  await Promise.all(buses.splice(0).map((bus) => bus.close()));
});

describeDatabases('cache invalidation across instances', (database) => {
  it.runIf(database.kind === 'postgres')('a tag published by one instance reaches every instance', async () => {
    const seenByA: string[] = [];
    const seenByB: string[] = [];
    const a = await postgresCacheBus(database.url, (tag) => seenByA.push(tag));
    const b = await postgresCacheBus(database.url, (tag) => seenByB.push(tag));
    buses.push(a, b);
    await a.publish('doors:1');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(seenByA).toEqual(['doors:1']);
    expect(seenByB).toEqual(['doors:1']);
  });
});
