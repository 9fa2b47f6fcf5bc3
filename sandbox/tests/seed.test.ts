/** The seeded organisation: deterministic, shaped like a coworking operator, and scalable. */
import { describe, expect, it } from 'vitest';
import { buildWorld, type SeedOptions } from '../seed';

const clock = () => Date.parse('2026-06-01T09:30:00Z');
const options = (extra: Partial<SeedOptions> = {}): SeedOptions => ({
  orgId: 4242,
  seed: 42,
  users: 300,
  sites: 3,
  doorsPerSite: 15,
  syncMs: 3000,
  now: clock,
  ...extra,
});

describe('seed', () => {
  it('the same seed gives the same state; another seed another one', () => {
    const a = JSON.stringify(buildWorld(options()).snapshot());
    const b = JSON.stringify(buildWorld(options()).snapshot());
    const c = JSON.stringify(buildWorld(options({ seed: 43 })).snapshot());
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });

  it('looks like a coworking operator: 3 sites, 15 doors each, 6 roles (5 and Visitor), 300 people with realistic details', () => {
    const world = buildWorld(options());
    const state = world.snapshot();
    expect(state.sites).toHaveLength(3);
    expect(state.accessPoints).toHaveLength(45);
    expect(state.roles).toHaveLength(6);
    expect(state.users).toHaveLength(300);

    const emails = new Set(state.users.map((u) => u.email));
    const phones = new Set(state.users.map((u) => u.phone));
    expect(emails.size).toBe(300);
    expect(phones.size).toBe(300);
    for (const user of state.users) {
      expect(user.name).toMatch(/^\S+ \S+/);
      expect(user.email).toMatch(/^[a-z.0-9]+@[a-z.]+$/);
      expect(user.phone).toMatch(/^\+91\d{10}$/);
      expect(user.homeSiteId).toBeGreaterThanOrEqual(1);
    }
    const share = (predicate: (u: (typeof state.users)[number]) => boolean) =>
      state.users.filter(predicate).length / 300;
    expect(share((u) => u.cardAssigned)).toBeGreaterThan(0.3);
    expect(share((u) => u.cardAssigned)).toBeLessThan(0.5);
    expect(share((u) => u.deactivatedOn !== null)).toBeGreaterThan(0.02);
    expect(share((u) => u.accessExpiresAt !== null)).toBeGreaterThan(0.03);
    expect(state.users.some((u) => u.accessExpired)).toBe(true);
    expect(new Set(state.cards.map((c) => c.credentialId)).size).toBe(state.cards.length);
    expect(state.permissions.length).toBeGreaterThan(0);
    expect(state.pending.length).toBeGreaterThan(0);
  });

  it('keeps 30 days of access history', () => {
    const world = buildWorld(options());
    const oldest = Math.min(...world.events.map((e) => e.accessedAt));
    const newest = Math.max(...world.events.map((e) => e.accessedAt));
    expect(world.events.length).toBeGreaterThan(600);
    expect((clock() / 1000 - oldest) / 86_400).toBeGreaterThan(29);
    expect((clock() / 1000 - oldest) / 86_400).toBeLessThanOrEqual(30.1);
    expect(newest).toBeLessThanOrEqual(clock() / 1000);
  });

  it('scales to 20,000 people and 500 doors', () => {
    const world = buildWorld(options({ users: 20_000, sites: 5, doorsPerSite: 100 }));
    expect(world.users.size).toBe(20_000);
    expect(world.accessPoints.size).toBe(500);
    expect(new Set([...world.users.values()].map((u) => u.email)).size).toBe(20_000);
  });
});
