import { z } from 'zod';
import { temporaryDoorChoices } from '@/lib/data/grants';
import { defineRoute } from '@/lib/http/define-route';

/**
 * The doors the signed-in operator may give (their sites; a company admin's envelope), for the person page's
 * "Give temporary access" form, which asks when it is opened rather than carrying thousands of doors on every page.
 */
export const GET = defineRoute({
  name: 'doors.grantable',
  capability: 'permissions:write',
  query: z.object({}),
  audit: false,
  async run(_query, { operator }) {
    return { json: { doors: await temporaryDoorChoices(operator) } };
  },
});
