import 'server-only';
import type { z } from 'zod';
import type { RouteAction } from '../audit/actions';
import { auditRecorder } from '../audit/log';
import { csvRow } from '../core/csv';
import { can, type Capability } from '../auth/permissions';
import { currentOperator, type SessionOperator } from '../auth/session';
import { setupPending, SETUP_REFUSALS } from '../auth/setup';
import { db } from '../db';
import { toQueryString } from '../query-string';
import { spintly } from '../spintly';
import { SpintlyError, type SpintlyErrorKind } from '../spintly/errors';
import { flattenParams } from '../validation/query';

/**
 * The one way to write a route handler under app/api (Auth.js's and the health check aside), beside defineAction:
 * session → query parsed with its zod schema → role's capability → run (which applies the scope rule in its data
 * function) → audit record → answer. A CSV answer is streamed, and its audit record (`<domain>.export`, with the
 * filter and the number of rows) is written when the last row has gone out. A SpintlyError becomes a status here,
 * once, with the message written for an admin.
 */
export interface RouteContext {
  operator: SessionOperator;
  spintly: ReturnType<typeof spintly>;
  request: Request;
  /** A POST's multipart body (routes with `form`), read only after the session and role checks. */
  form: FormData | null;
}

export interface CsvAnswer {
  filename: string;
  header: readonly string[];
  rows: AsyncIterable<readonly unknown[]> | Iterable<readonly unknown[]>;
}

export type RouteAnswer = { json: unknown; status?: number } | { csv: CsvAnswer };

export interface RouteSpec<S extends z.ZodType> {
  /** `<domain>.<verb>` as the audit log names it, e.g. `cards.export` (lib/audit/actions.ts lists them). */
  name: RouteAction;
  capability: Capability;
  /** The URL's query; list schemas catch malformed values, so this rarely refuses. */
  query: S;
  /**
   * Whether each call is audited. Exports are (who took which people's data, filtered how, how many rows); a
   * search box asking as someone types is not, or the log would be mostly keystrokes.
   */
  audit: boolean;
  /** A POST with a multipart body of at most this many bytes (an upload); refused with 413 above it. */
  form?: { maxBytes: number };
  run: (query: z.output<S>, ctx: RouteContext) => Promise<RouteAnswer>;
}

const STATUS_FOR: Partial<Record<SpintlyErrorKind, number>> = { rate_limited: 429, timeout: 504 };

const json = (body: unknown, status = 200) => Response.json(body, { status, headers: { 'cache-control': 'no-store' } });

export function defineRoute<S extends z.ZodType>(spec: RouteSpec<S>) {
  return async function GET(request: Request): Promise<Response> {
    const started = performance.now();
    const operator = await currentOperator();
    const database = await db();
    const write = auditRecorder<RouteAction>(database, operator, spec.name, started);
    const record: typeof write = (...args) => (spec.audit ? write(...args) : Promise.resolve());

    if (!operator) {
      await record('denied', { reason: 'session', detail: 'no valid session' });
      return json({ message: 'Sign in first.' }, 401);
    }
    const pending = setupPending(operator);
    if (pending) {
      await record('denied', { reason: 'session', detail: SETUP_REFUSALS[pending].detail });
      return json({ message: SETUP_REFUSALS[pending].message }, 403);
    }
    if (!can(operator, spec.capability)) {
      await record('denied', { reason: 'role', detail: `role ${operator.role} lacks ${spec.capability}` });
      return json({ message: 'Your role does not allow this.' }, 403);
    }
    const parsed = spec.query.safeParse(flattenParams(new URL(request.url).searchParams));
    if (!parsed.success) {
      await record('invalid', { reason: 'validation', detail: 'query did not validate' });
      return json({ message: 'The request’s filters could not be read.' }, 400);
    }
    const query = parsed.data;
    let form: FormData | null = null;
    if (spec.form) {
      // The declared size first (nothing is read), then the parse; a body larger than declared fails the parse.
      const declared = Number(request.headers.get('content-length') ?? NaN);
      if (!Number.isFinite(declared) || declared > spec.form.maxBytes) {
        await record('invalid', { reason: 'validation', detail: 'upload too large or without a length' });
        return json(
          { message: `The file is too large: at most ${Math.round(spec.form.maxBytes / 1_048_576)} MB.` },
          413,
        );
      }
      try {
        form = await request.formData();
      } catch {
        await record('invalid', { reason: 'validation', detail: 'body is not multipart form data' });
        return json({ message: 'The upload could not be read. Choose the file again and retry.' }, 400);
      }
    }
    const filter = describeFilter(query);
    const siteId = typeof (query as { site?: unknown }).site === 'number' ? (query as { site: number }).site : null;

    let answer: RouteAnswer;
    try {
      answer = await spec.run(query, { operator, spintly: spintly(), request, form });
    } catch (error) {
      if (!(error instanceof SpintlyError)) throw error;
      await record('failed', {
        siteId,
        spintlyStatus: error.status,
        facts: { filter },
        detail: `spintly ${error.kind}`,
      });
      return json({ message: error.message }, STATUS_FOR[error.kind] ?? 502);
    }
    if ('json' in answer) {
      await record('ok', { siteId, facts: { filter } });
      return json(answer.json, answer.status);
    }
    return csvResponse(answer.csv, (rows, ending) =>
      record(ending === 'complete' ? 'ok' : 'failed', {
        siteId,
        facts: { filter, rows, ending },
        ...(ending !== 'complete' && { detail: ending === 'error' ? 'stopped by an error' : 'download cancelled' }),
      }),
    );
  };
}

/** The filter for the audit record: the query without its page, as it would stand in a URL. */
function describeFilter(query: unknown): string {
  const { page: _page, ...rest } = (query ?? {}) as Record<string, unknown>;
  const text = toQueryString('', rest, { status: 'all' });
  return text === '?' ? 'no filter' : `filter ${text.slice(1)}`;
}

/** Rows of CSV text per chunk sent: a chunk per row costs more in the stream than writing the row does. */
const CSV_CHUNK_CHARS = 64 * 1024;

/**
 * Streams CSV as the client reads it: each pull reads rows until a chunk is full, so however many rows there are,
 * about one chunk is in memory, and a client that goes away stops the reading (its audit record says so).
 */
function csvResponse(
  csv: CsvAnswer,
  done: (rows: number, ending: 'complete' | 'error' | 'cancelled') => Promise<void>,
): Response {
  const encoder = new TextEncoder();
  const rows: AsyncIterator<readonly unknown[]> =
    Symbol.asyncIterator in csv.rows
      ? csv.rows[Symbol.asyncIterator]()
      : (async function* () {
          yield* csv.rows as Iterable<readonly unknown[]>;
        })();
  let count = 0;
  let text = csvRow(csv.header);
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        while (text.length < CSV_CHUNK_CHARS) {
          const next = await rows.next();
          if (next.done) {
            if (text) controller.enqueue(encoder.encode(text));
            await done(count, 'complete');
            controller.close();
            return;
          }
          text += csvRow(next.value);
          count++;
        }
      } catch (error) {
        await done(count, 'error');
        controller.error(error);
        return;
      }
      controller.enqueue(encoder.encode(text));
      text = '';
    },
    async cancel() {
      await rows.return?.();
      await done(count, 'cancelled');
    },
  });
  return new Response(stream, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${csv.filename}"`,
      'cache-control': 'no-store',
    },
  });
}
