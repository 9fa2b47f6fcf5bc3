/** The sandbox's settings; sandbox/main.ts fills them from SANDBOX_* environment variables (lib/env.ts). */
import type { CardStyle } from '../lib/spintly/contract';
import type { FaultConfig } from './faults';

export interface SandboxOptions {
  host: string;
  port: number;
  orgId: number;
  clientId: string;
  clientSecret: string;
  seed: number;
  users: number;
  sites: number;
  doorsPerSite: number;
  syncMs: number;
  tokenTtlS: number;
  faults: FaultConfig;
  webhookUrl: string | undefined;
  webhookKey: string | undefined;
  /** Simulated taps per minute, each pushed to the webhook (0 = none). */
  trafficPerMin: number;
  /** Seeded access history over 30 days (default: 4 per person, at most 60,000). */
  historyEvents?: number | undefined;
  /** The card endpoints served (SANDBOX_CARD_STYLES): the other style's paths answer 404, as on a host without them. */
  cardStyles: readonly CardStyle[];
  now: () => number;
  log: (line: string) => void;
}

export const SANDBOX_DEFAULTS: SandboxOptions = {
  host: '127.0.0.1',
  port: 4010,
  orgId: 4242,
  clientId: 'demo-client',
  clientSecret: 'demo-secret',
  seed: 42,
  users: 300,
  sites: 3,
  doorsPerSite: 15,
  syncMs: 3000,
  tokenTtlS: 3600,
  faults: { rules: [] },
  webhookUrl: undefined,
  webhookKey: undefined,
  trafficPerMin: 0,
  cardStyles: ['assignCard', 'assignCredential'],
  now: Date.now,
  log: (line) => console.log(line),
};

/** A second client that belongs to another organisation, for checking that tokens do not cross organisations. */
export const OTHER_CLIENT = { clientId: 'other-client', clientSecret: 'other-secret' } as const;
