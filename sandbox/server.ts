/**
 * The sandbox's HTTP server: Spintly's integrator API served from the shared contract, plus the
 * `/__sandbox/` control API for tests and demos. Plain node:http, so it starts in milliseconds.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  CARD_STYLES,
  endpoints,
  matchPath,
  organisationLookup,
  tokenEndpoints,
  type CardStyle,
  type EndpointName,
} from '../lib/spintly/contract';
import { handleControl } from './control';
import { Faults, type RouteIdentity } from './faults';
import { buildWorld, type SeedOptions } from './seed';
import { handlers, type RouteContext } from './spintly-routes';
import { Stats } from './stats';
import { handleToken } from './token-routes';
import { TokenIssuer } from './tokens';
import { describeIssues, encodeJson, parseJson, readBody, sendBytes, sendError, sendJson } from './http';
import { SANDBOX_DEFAULTS, type SandboxOptions } from './options';
import type { Sandbox } from './sandbox';
import { ApiError } from './world';
import { createRandom } from './random';
import { startTraffic } from './webhook';

export type { Sandbox } from './sandbox';

interface Route {
  identity: RouteIdentity;
  name: EndpointName | 'tokenSaams' | 'tokenOAuth';
  params: Record<string, string>;
}

/** The card endpoints of each style: a sandbox limited to one style does not serve the other's. */
const CARD_ENDPOINTS: Record<CardStyle, readonly EndpointName[]> = {
  assignCard: ['assignCard', 'unassignCard'],
  assignCredential: ['assignCredential', 'unassignCredential'],
};

function findRoute(method: string, pathname: string, cardStyles: readonly CardStyle[]): Route | null {
  const unserved = new Set(
    CARD_STYLES.filter((style) => !cardStyles.includes(style)).flatMap((style) => CARD_ENDPOINTS[style]),
  );
  for (const [style, def] of Object.entries(tokenEndpoints)) {
    if (def.method === method && def.path === pathname)
      return {
        identity: { name: 'token', key: `${def.method} ${def.path}`, path: pathname },
        name: style === 'saams' ? 'tokenSaams' : 'tokenOAuth',
        params: {},
      };
  }
  for (const [name, def] of Object.entries(endpoints) as [EndpointName, (typeof endpoints)[EndpointName]][]) {
    if (def.method !== method || unserved.has(name)) continue;
    const params = matchPath(def.path, pathname);
    if (params) return { identity: { name, key: `${def.method} ${def.path}`, path: pathname }, name, params };
  }
  return null;
}

export async function startSandbox(overrides: Partial<SandboxOptions> = {}): Promise<Sandbox> {
  const options: SandboxOptions = { ...SANDBOX_DEFAULTS, ...overrides };
  let clockOffsetMs = 0;
  const worldNow = () => options.now() + clockOffsetMs;
  const seedOptions = (extra: Partial<SeedOptions> = {}): SeedOptions => ({
    orgId: options.orgId,
    seed: options.seed,
    users: options.users,
    sites: options.sites,
    doorsPerSite: options.doorsPerSite,
    syncMs: options.syncMs,
    historyEvents: options.historyEvents,
    now: worldNow,
    ...extra,
  });

  let world = buildWorld(seedOptions());
  const tokens = new TokenIssuer(options.now);
  const stats = new Stats(tokens);
  const faults = new Faults(options.faults);
  const hanging = new Set<ServerResponse>();
  let stopTraffic = () => {};

  const sandbox: Sandbox = {
    url: '',
    options,
    get world() {
      return world;
    },
    tokens,
    stats,
    faults,
    get clockOffsetS() {
      return clockOffsetMs / 1000;
    },
    set clockOffsetS(seconds: number) {
      clockOffsetMs = seconds * 1000;
    },
    reset(extra = {}) {
      clockOffsetMs = 0;
      world = buildWorld(seedOptions(extra));
      faults.set({ rules: [] });
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        stopTraffic();
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };

  /**
   * L (the configured latency) is the whole round trip, the server's own work included, as from a service that
   * serves requests in parallel: a request reaches "Spintly" L/2 after it arrives here, is worked out and encoded
   * then, and its answer leaves L after it arrived. Working on arrival made the requests that came in together wait
   * for one another's work before they were even timed (40 parallel door reads of a permission matrix arrived over
   * ~8 ms here, their answers left as spread out); working after the whole wait queued them behind one another. Either
   * way the stand-in's own serial work was charged to the portal. Halfway, arrivals are timed while this process is
   * idle, and the work of a burst (≈15 ms for 40 doors) is done before the answers are due.
   */
  async function serveSpintly(req: IncomingMessage, res: ServerResponse, route: Route, pathname: string) {
    const arrived = performance.now();
    const decision = faults.decide(route.identity);
    /** Waits until `share` of the round trip has passed since the request arrived. */
    const untilRoundTrip = async (share: number) => {
      const left = decision.delayMs * share - (performance.now() - arrived);
      if (left > 0) await sleep(left);
    };
    const restOfRoundTrip = () => untilRoundTrip(1);
    const rule = decision.rule;
    const hang = () => {
      stats.count(route.identity.key, 'hang');
      hanging.add(res);
      res.on('close', () => hanging.delete(res));
    };
    if (rule?.kind === 'hang' || rule?.kind === 'status' || rule?.kind === 'rate_limit') {
      await restOfRoundTrip();
      if (rule.kind === 'hang') return hang();
      if (rule.kind === 'status') {
        stats.count(route.identity.key, rule.status ?? 503);
        return sendError(res, rule.status ?? 503, 'Service temporarily unavailable');
      }
      stats.count(route.identity.key, 429);
      return sendError(res, 429, 'Too many requests', { 'retry-after': String(rule.retryAfterS ?? 1) });
    }

    let status = 200;
    let body: Buffer;
    try {
      const text = await readBody(req);
      await untilRoundTrip(0.5);
      let answer: unknown;
      if (route.name === 'tokenSaams' || route.name === 'tokenOAuth') {
        ({ status, answer } = handleToken(route.name, text, req.headers['content-type'], options, tokens));
      } else {
        answer = runEndpoint(route.name, route.params, text, req.headers.authorization, pathname);
      }
      world.syncDue();
      body = encodeJson(answer);
    } catch (error) {
      // A refusal takes the same round trip as an answer.
      await restOfRoundTrip();
      throw error;
    }
    await restOfRoundTrip();

    if (rule?.kind === 'commit_then_fail') {
      if (rule.then === 'hang') return hang();
      stats.count(route.identity.key, rule.status ?? 502);
      return sendError(res, rule.status ?? 502, 'Bad gateway');
    }
    stats.count(route.identity.key, status);
    sendBytes(res, status, body);
  }

  function runEndpoint(
    name: EndpointName,
    rawParams: Record<string, string>,
    text: string,
    authorization: string | undefined,
    pathname: string,
  ): unknown {
    const token = authorization?.replace(/^Bearer\s+/i, '').trim();
    if (!token) throw new ApiError(401, 'Missing access token');
    const claims = tokens.verify(token);
    if (!claims) throw new ApiError(401, 'Access token is invalid or expired');

    const params: Record<string, number> = {};
    for (const [key, value] of Object.entries(rawParams)) {
      if (!/^\d+$/.test(value)) throw new ApiError(400, `Invalid path: ${key} must be a number`);
      params[key] = Number(value);
    }
    if (String(params.org) !== claims.sub)
      throw new ApiError(403, `Access token is not valid for organisation ${params.org}`);
    if (params.org !== options.orgId) throw new ApiError(404, `Organisation ${params.org} not found`);

    const def = endpoints[name];
    const parsed =
      def.method === 'GET' || def.method === 'DELETE' ? def.body.safeParse({}) : def.body.safeParse(parseJson(text));
    if (!parsed.success) throw new ApiError(400, describeIssues(parsed.error));
    world.syncDue();
    const handler = handlers[name] as (ctx: RouteContext<EndpointName>) => unknown;
    const message = handler({ params, body: parsed.data, world });
    // The sandbox holds itself to the contract: an answer that does not fit is a sandbox bug, not a client one.
    const checked = def.answer.safeParse(message);
    if (!checked.success)
      throw new Error(`sandbox answer for ${name} (${pathname}) breaks the contract: ${describeIssues(checked.error)}`);
    return { type: 'success', message };
  }

  /** Which organisation a token belongs to: its `sub`, on the token host (this sandbox serves both hosts). */
  function serveOrganisation(req: IncomingMessage, res: ServerResponse) {
    const key = `${organisationLookup.method} ${organisationLookup.path}`;
    const token = req.headers.authorization?.replace(/^Bearer\s+/i, '').trim();
    const claims = token ? tokens.verify(token) : null;
    if (!claims) {
      stats.count(key, 401);
      return sendError(res, 401, 'Access token is invalid or expired');
    }
    stats.count(key, 200);
    sendJson(res, 200, { type: 'success', message: { organisationId: Number(claims.sub) } });
  }

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const method = req.method ?? 'GET';
    const handle = async () => {
      if (url.pathname.startsWith('/__sandbox/')) return handleControl(req, res, url, sandbox);
      if (method === organisationLookup.method && url.pathname === organisationLookup.path)
        return serveOrganisation(req, res);
      const route = findRoute(method, url.pathname, options.cardStyles);
      if (!route) {
        stats.count(`${method} (no such route)`, 404);
        return sendError(res, 404, `No route for ${method} ${url.pathname}`);
      }
      try {
        await serveSpintly(req, res, route, url.pathname);
      } catch (error) {
        const status = error instanceof ApiError ? error.status : 500;
        stats.count(route.identity.key, status);
        throw error;
      }
    };
    handle().catch((error: unknown) => {
      if (error instanceof ApiError) return sendError(res, error.status, error.message);
      options.log(`sandbox: internal error on ${method} ${url.pathname}: ${String(error)}`);
      sendError(res, 500, 'Internal server error');
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  (sandbox as { url: string }).url = `http://${options.host}:${address.port}`;
  stopTraffic = startTraffic(sandbox, options.trafficPerMin, createRandom(options.seed + 1));
  return sandbox;
}
