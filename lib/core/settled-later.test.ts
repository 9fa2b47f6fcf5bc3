import { expect, it } from 'vitest';
import { settledLater } from './settled-later';

it('marks an early rejection handled, and still rejects for whoever awaits it later', async () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  process.on('unhandledRejection', onUnhandled);
  try {
    const later = settledLater(Promise.reject(new Error('not found')));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(unhandled).toEqual([]);
    await expect(later).rejects.toThrow('not found');
    await expect(settledLater(Promise.resolve(7))).resolves.toBe(7);
  } finally {
    process.off('unhandledRejection', onUnhandled);
  }
});
