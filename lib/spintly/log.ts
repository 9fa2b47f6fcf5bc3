import 'server-only';
import { createRedactor, formatLine } from '../observability/log';
import { observeSpintlyCall } from '../observability/metrics';

/**
 * One JSON line per upstream call (the portal's log format, lib/observability/log.ts, always JSON here), and the call
 * counted in the metrics, for operators to see how Spintly behaves. Bodies are never logged, and every
 * line passes through `redact`, which removes the client secret and anything shaped like a token, so a secret that
 * slipped into an error text still cannot reach the log.
 */
export interface CallRecord {
  endpoint: string;
  method: string;
  status: number | null;
  durationMs: number;
  /** When the attempt began, in ms since the portal received the request it serves (absent outside a request). */
  requestMs?: number;
  attempt: number;
  outcome: 'ok' | 'retry' | 'error';
  kind?: string;
  upstreamMessage?: string;
}

export type LogSink = (line: string) => void;

export interface SpintlyLogger {
  call(record: CallRecord): void;
  /** Remember a token so it is scrubbed from any later line. */
  rememberSecret(secret: string): void;
}

export function createLogger(sink: LogSink, secrets: readonly string[], now: () => number = Date.now): SpintlyLogger {
  const known = [...secrets];
  let redact = createRedactor(known);
  return {
    call(record) {
      observeSpintlyCall(record);
      sink(redact(formatLine('info', 'spintly.call', { ...record }, now(), true)));
    },
    rememberSecret(secret) {
      known.push(secret);
      // Keep the list short: only the live token matters once older ones expired.
      if (known.length > secrets.length + 4) known.splice(secrets.length, 1);
      redact = createRedactor(known);
    },
  };
}

export const stdoutSink: LogSink = (line) => {
  process.stdout.write(`${line}\n`);
};
