import 'server-only';
import { after } from 'next/server';
import { log } from '../observability/log';

/**
 * Work a page must not wait for — read-repair of the portal's own copies after a live read — run once the answer
 * has been sent (Next's `after`), or at once outside a request (scripts, tests). A failure is logged, never shown:
 * the page already has what it read.
 */
export function afterResponse(what: string, work: () => Promise<unknown>): void {
  const run = () =>
    work().catch((error: unknown) =>
      log.warn(`${what} failed`, { error: error instanceof Error ? error.message : String(error) }),
    );
  try {
    after(run);
  } catch {
    // Not in a request (after() refuses): nobody is waiting for an answer, so run it now.
    void run();
  }
}
