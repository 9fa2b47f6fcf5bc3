'use server';

import { z } from 'zod';
import { directoryDb, DIRECTORY_TASK, syncStatus } from '../../directory';
import { requestRun } from '../../worker/runner';
import { defineAction } from '../safe-action';

/**
 * "Sync now": asks for a reconcile of the people directory at once instead of at the next interval. It asks the
 * task's leader (whichever instance or worker process leads it) rather than walking Spintly here, so two admins
 * pressing it on two instances cause one walk, through the background lane. Answers the id of the last run known
 * now: the screen follows progress until a later run has finished.
 */
export const syncDirectoryNowAction = defineAction({
  name: 'directory.sync',
  capability: 'people:list',
  input: z.object({}).strict(),
  targets: () => [],
  async run(_input, { operator }) {
    const { db } = await directoryDb();
    const { last } = await syncStatus(db);
    if (last?.outcome === 'running')
      return {
        data: { after: Number(last.id) - 1 },
        message: 'Already re-reading Spintly’s people.',
        facts: { alreadyRunning: true },
      };
    await requestRun(db, DIRECTORY_TASK, `operator:${operator.id}`);
    return { data: { after: last ? Number(last.id) : 0 }, facts: { alreadyRunning: false } };
  },
});
