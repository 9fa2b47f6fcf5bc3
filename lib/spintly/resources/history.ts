import 'server-only';
import type { EndpointBody } from '../contract';
import type { ClientContext } from './shared';

/** What happened at the doors: Spintly's access history, a page at a time. */
export function historyResource({ transport }: ClientContext) {
  return {
    accessHistory: (body: EndpointBody<'accessHistory'>) => transport.send('accessHistory', {}, body),
  };
}
