/**
 * Starting the portal's processes for the demo and the benchmark, one way: the production portal exactly as
 * `npm start` runs it (same heap cap), the sandbox, and waiting until each answers.
 */
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * V8 grows its heap lazily toward a share of the machine's memory, so an idle portal on a large machine kept
 * 340–420 MB resident after the benchmark; capped, it keeps about 230 MB and pages are no slower. The cap leaves room
 * for many concurrent permission matrices (the largest page: ≈ 1 MB of Spintly answers each). `npm start` sets the
 * same; anything in NODE_OPTIONS comes after, so it can raise or lower the cap.
 */
export const PORTAL_NODE_OPTIONS = '--max-old-space-size=384';

export const bin = (name: string) => `node_modules/.bin/${name}`;

/** The production portal (needs `next build` first). */
export function startPortal(port: number, env: NodeJS.ProcessEnv, stdio: StdioOptions): ChildProcess {
  return spawn(bin('next'), ['start', '-p', String(port)], {
    stdio,
    env: { ...env, NODE_OPTIONS: `${PORTAL_NODE_OPTIONS} ${env.NODE_OPTIONS ?? ''}`.trim() },
  });
}

/** The Spintly sandbox; its size, latency and faults come from SANDBOX_* variables in `env`. */
export function startSandbox(env: NodeJS.ProcessEnv, stdio: StdioOptions): ChildProcess {
  return spawn(bin('tsx'), ['--conditions=react-server', 'sandbox/main.ts'], { stdio, env });
}

/** Resolves once `url` answers 2xx; fails if the process exits first or nothing answers in time. */
export async function waitFor(url: string, what: string, child: ChildProcess, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${what} exited with code ${child.exitCode}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await sleep(250);
  }
  throw new Error(`${what} did not answer at ${url} within ${timeoutMs / 1000} s`);
}
