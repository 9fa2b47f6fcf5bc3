/**
 * A first look at every POST to a page — which, in this portal, is only ever a server action — before Next's action
 * decoder sees it. The decoder answers a malformed body (truncated JSON, invalid UTF-8, broken multipart, over the
 * size limit) with HTTP 500 and writes the attacker's text into the log; here it gets a plain 4xx and nothing is
 * logged. A well-formed body goes on untouched: the action still validates its own input with zod.
 */

/** Next's own limit for server-action bodies (serverActions.bodySizeLimit, 1 MB). */
export const MAX_ACTION_BODY_BYTES = 1024 * 1024;

/** Action ids in Next's manifest are hex strings (40–42 characters today); anything else names no action. */
const ACTION_ID = /^[0-9a-f]{8,128}$/i;

const refuse = (status: 400 | 413, message: string) =>
  new Response(message, {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
  });

/** Whether a POST is aimed at a server action (the browser's runtime call, or a plain form posting to one). */
export function isActionPost(request: Request): boolean {
  if (request.method !== 'POST') return false;
  const { pathname } = new URL(request.url);
  return !pathname.startsWith('/api/');
}

/** null when the request may go on; otherwise the answer to send instead. */
export async function checkActionRequest(request: Request): Promise<Response | null> {
  const actionId = request.headers.get('next-action');
  if (actionId !== null && !ACTION_ID.test(actionId)) return refuse(400, 'Unknown action.');
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > MAX_ACTION_BODY_BYTES) return refuse(413, 'The request is too large.');

  const bytes = new Uint8Array(await request.clone().arrayBuffer());
  if (bytes.byteLength > MAX_ACTION_BODY_BYTES) return refuse(413, 'The request is too large.');
  if (bytes.byteLength === 0) return refuse(400, 'The request has no body.');

  const contentType = request.headers.get('content-type') ?? '';
  if (contentType.startsWith('multipart/form-data')) {
    try {
      await new Response(bytes, { headers: { 'content-type': contentType } }).formData();
      return null;
    } catch {
      return refuse(400, 'The form data could not be read.');
    }
  }
  if (contentType.startsWith('application/x-www-form-urlencoded')) return utf8(bytes) === null ? badText() : null;

  // The browser runtime's call: the action's arguments, encoded as one JSON array.
  const text = utf8(bytes);
  if (text === null) return badText();
  try {
    if (!Array.isArray(JSON.parse(text))) return refuse(400, 'The request could not be read.');
  } catch {
    return refuse(400, 'The request could not be read.');
  }
  return null;
}

const badText = () => refuse(400, 'The request is not valid UTF-8 text.');

function utf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}
