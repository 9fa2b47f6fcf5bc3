import 'server-only';
import type { AccessEvent, EndpointBody } from '../contract';
import { eachPage, type ClientContext, type WalkProgress } from './shared';

/** What happened at the doors: Spintly's access history, a page at a time. */
export function historyResource({ transport }: ClientContext) {
  return {
    accessHistory: (body: EndpointBody<'accessHistory'>) => transport.send('accessHistory', {}, body),
    /**
     * Every event between two times (Spintly's "YYYY-MM-DD HH:mm:ss +05:30"), a page at a time. Pages are newest first;
     * with a fixed end in the past, events arriving meanwhile cannot shift a page's contents.
     */
    eachHistoryPage: (
      filters: EndpointBody<'accessHistory'>['filters'],
      onPage: (items: AccessEvent[], progress: WalkProgress) => Promise<void>,
    ) =>
      eachPage(async (page, perPage) => {
        const answer = await transport.send('accessHistory', {}, { pagination: { page, perPage }, filters });
        return { items: answer.accessHistory, pagination: answer.pagination };
      }, onPage),
  };
}
