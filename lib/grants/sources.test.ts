import { describe, expect, it } from 'vitest';
import { givesAt, hasEnded, shouldStart, takeAwayWhenEnding, type SourcedGrant } from './sources';

const NOW = '2026-12-05T10:00:00.000Z';
const grant = (id: string, over: Partial<SourcedGrant> = {}): SourcedGrant => ({
  id,
  source: 'direct',
  startsAt: null,
  endsAt: null,
  startedAt: '2026-12-01T00:00:00.000Z',
  endedAt: null,
  ...over,
});

describe('the source arithmetic', () => {
  it('keeps the door while another source still gives it; takes it when none does', () => {
    const direct = grant('d');
    const group = grant('g', { source: 'group' });
    expect(takeAwayWhenEnding([direct, group], new Set(['g']), NOW)).toBe(false);
    expect(takeAwayWhenEnding([direct, group], new Set(['g', 'd']), NOW)).toBe(true);
    expect(takeAwayWhenEnding([group], new Set(['g']), NOW)).toBe(true);
  });

  it('does not count a source that has ended, is past its end, or has not started yet', () => {
    const ending = grant('t', { endsAt: '2026-12-05T09:59:00.000Z' });
    const others = [
      grant('ended', { endedAt: '2026-12-04T00:00:00.000Z' }),
      grant('past', { endsAt: '2026-12-05T09:00:00.000Z' }),
      grant('later', { startedAt: null, startsAt: '2026-12-06T00:00:00.000Z' }),
    ];
    expect(takeAwayWhenEnding([ending, ...others], new Set(['t']), NOW)).toBe(true);
    // An end date in between: a source that ends later still gives it now.
    const laterEnd = grant('w', { source: 'group', endsAt: '2026-12-12T00:00:00.000Z' });
    expect(takeAwayWhenEnding([ending, laterEnd], new Set(['t']), NOW)).toBe(false);
    expect(takeAwayWhenEnding([ending, laterEnd], new Set(['t']), '2026-12-12T00:00:00.000Z')).toBe(true);
  });

  it('says when a grant ends, when a scheduled one starts, and whether one gives its door now', () => {
    expect(hasEnded(grant('a', { endsAt: NOW }), NOW)).toBe(true);
    expect(hasEnded(grant('b', { endsAt: '2026-12-05T10:00:01.000Z' }), NOW)).toBe(false);
    expect(hasEnded(grant('c', { endsAt: NOW, endedAt: NOW }), NOW)).toBe(false);
    expect(shouldStart(grant('d', { startedAt: null, startsAt: NOW }), NOW)).toBe(true);
    expect(shouldStart(grant('e', { startedAt: null, startsAt: '2026-12-06T00:00:00.000Z' }), NOW)).toBe(false);
    // A window that closed before it could start never starts.
    expect(shouldStart(grant('f', { startedAt: null, startsAt: '2026-12-04T00:00:00.000Z', endsAt: NOW }), NOW)).toBe(
      false,
    );
    expect(givesAt(grant('g'), NOW)).toBe(true);
    expect(givesAt(grant('h', { startedAt: null }), NOW)).toBe(false);
  });
});
