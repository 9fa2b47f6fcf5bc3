import { AsyncLocalStorage } from 'node:async_hooks';
import { format } from 'node:util';

/**
 * The portal's log lines. `LOG_FORMAT=json` makes each one a JSON object on one line — time, level, message, the
 * request's id when there is one, then fields — for a log shipper; the default is text for a person at a terminal.
 * Every line, in either format, passes through `redact`: the configured secrets (Spintly client secret, AUTH_SECRET,
 * the OIDC client secret, METRICS_TOKEN, the database password), anything shaped like a token, and any field whose
 * name says it is a secret become "[redacted]", so a secret that slipped into an error text still cannot reach a log.
 *
 * No server-only import: the custom server (scripts/server.ts) and the worker use it outside Next's bundles. The
 * request context is kept on globalThis under a registered symbol, so Next's bundles and the server share one.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

interface RequestContext {
  requestId: string;
  /** performance.now() when the server received the request. */
  receivedAt?: number;
}

const CONTEXT = Symbol.for('spintly-portal.request-context');
const globals = globalThis as unknown as Record<symbol, unknown>;

/** Where the custom server keeps each request's id while Next handles it. */
export function requestContext(): AsyncLocalStorage<RequestContext> {
  return (globals[CONTEXT] ??= new AsyncLocalStorage<RequestContext>()) as AsyncLocalStorage<RequestContext>;
}

export const currentRequestId = (): string | undefined => requestContext().getStore()?.requestId;

/** How far into the current request we are, in ms (undefined outside one): shows what a page waited on in series. */
export function msIntoRequest(): number | undefined {
  const receivedAt = requestContext().getStore()?.receivedAt;
  return receivedAt === undefined ? undefined : Math.round(performance.now() - receivedAt);
}

const JWT_SHAPE = /eyJ[\w-]*\.[\w-]*\.[\w-]*/g;
const BEARER_SHAPE = /Bearer\s+[\w.~+/=-]+/gi;
const URL_PASSWORD = /(\w+:\/\/[^:/@\s]+:)[^@\s]+@/g;
const SECRET_FIELD = /pass(word|code)?$|secret|token|authori[sz]ation|cookie|api[-_]?key/i;

/** A function that removes `secrets` (4 characters or more), bearer tokens, JWTs and URL passwords from a text. */
export function createRedactor(secrets: readonly string[]) {
  const known = secrets.filter((secret) => secret.length >= 4);
  return (text: string): string => {
    let out = text
      .replace(JWT_SHAPE, '[redacted-token]')
      .replace(BEARER_SHAPE, 'Bearer [redacted]')
      .replace(URL_PASSWORD, '$1[redacted]@');
    for (const secret of known) out = out.split(secret).join('[redacted]');
    return out;
  };
}

/**
 * The secrets this process was configured with, read once. Straight from the environment, not lib/env.ts: the log
 * must work before (and when) the configuration fails to validate — that failure is itself logged.
 */
// eslint-disable-next-line no-restricted-properties
function configuredSecrets(env: NodeJS.ProcessEnv = process.env): string[] {
  const databasePassword = (() => {
    try {
      return env.DATABASE_URL ? decodeURIComponent(new URL(env.DATABASE_URL).password) : '';
    } catch {
      return '';
    }
  })();
  return [
    env.SPINTLY_CLIENT_SECRET,
    env.AUTH_SECRET,
    env.AUTH_OIDC_CLIENT_SECRET,
    env.METRICS_TOKEN,
    databasePassword,
  ].filter((value): value is string => Boolean(value));
}

let processRedactor: ((text: string) => string) | undefined;
export const redact = (text: string) => (processRedactor ??= createRedactor(configuredSecrets()))(text);

/** Fields as logged: a field named like a secret is replaced whatever it holds; errors keep name and message. */
function loggable(fields: LogFields): LogFields {
  const out: LogFields = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    out[key] = SECRET_FIELD.test(key)
      ? '[redacted]'
      : value instanceof Error
        ? { name: value.name, message: value.message }
        : value;
  }
  return out;
}

/** One line for `level`, in the format LOG_FORMAT asks for, already redacted. */
export function formatLine(
  level: LogLevel,
  message: string,
  fields: LogFields = {},
  now = Date.now(),
  // eslint-disable-next-line no-restricted-properties -- read per line, like the secrets, before lib/env.ts validates
  json = process.env.LOG_FORMAT === 'json',
): string {
  const requestId = currentRequestId();
  const rest = loggable(fields);
  if (json)
    return redact(
      JSON.stringify({ time: new Date(now).toISOString(), level, message, ...(requestId && { requestId }), ...rest }),
    );
  const tail = Object.keys(rest).length > 0 ? ` ${JSON.stringify(rest)}` : '';
  return redact(
    `${level === 'info' ? '' : `${level}: `}${message}${tail}${requestId ? ` (request ${requestId})` : ''}`,
  );
}

// Straight to the streams, not through console: installConsole routes console here, and must not loop.
function write(level: LogLevel, message: string, fields?: LogFields) {
  const line = `${formatLine(level, message, fields)}\n`;
  if (level === 'warn' || level === 'error') process.stderr.write(line);
  else process.stdout.write(line);
}

export const log = {
  debug: (message: string, fields?: LogFields) => write('debug', message, fields),
  info: (message: string, fields?: LogFields) => write('info', message, fields),
  warn: (message: string, fields?: LogFields) => write('warn', message, fields),
  error: (message: string, fields?: LogFields) => write('error', message, fields),
};

const INSTALLED = Symbol.for('spintly-portal.json-console');

/**
 * With LOG_FORMAT=json, what anything prints through console (Next's own errors, libraries) becomes a JSON line too,
 * redacted like the rest. Without it, console output passes through redaction only. Idempotent.
 */
export function installConsole() {
  if (globals[INSTALLED]) return;
  globals[INSTALLED] = true;
  const as =
    (level: LogLevel) =>
    (...args: unknown[]) =>
      write(level, format(...args));
  console.log = as('info');
  console.info = as('info');
  console.debug = as('debug');
  console.warn = as('warn');
  console.error = as('error');
}
