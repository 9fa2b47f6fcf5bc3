import { z } from 'zod';
import { directoryFreshness } from '@/lib/data/directory-freshness';
import { defineRoute } from '@/lib/http/define-route';

/** The people directory's freshness and the progress of a run, polled by "Sync now" while a run goes. */
export const GET = defineRoute({
  name: 'directory.status',
  capability: 'people:list',
  query: z.object({}),
  audit: false,
  async run() {
    return { json: await directoryFreshness() };
  },
});
