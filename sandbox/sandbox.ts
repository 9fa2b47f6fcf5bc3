/** A running sandbox, as its server and its control API see it (its own module, so neither imports the other). */
import type { Faults } from './faults';
import type { SandboxOptions } from './options';
import type { SeedOptions } from './seed';
import type { Stats } from './stats';
import type { TokenIssuer } from './tokens';
import type { World } from './world';

export interface Sandbox {
  readonly url: string;
  readonly options: SandboxOptions;
  readonly world: World;
  readonly tokens: TokenIssuer;
  readonly stats: Stats;
  readonly faults: Faults;
  /**
   * How far the world's clock is moved ahead of (or behind) real time, in seconds: "after the visit's window" without
   * waiting. Tokens keep real time.
   */
  clockOffsetS: number;
  reset(overrides?: Partial<Pick<SeedOptions, 'seed' | 'users' | 'doorsPerSite'>>): void;
  close(): Promise<void>;
}
