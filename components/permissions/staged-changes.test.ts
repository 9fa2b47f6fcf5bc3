import { describe, expect, it } from 'vitest';
import { cellKey, groupByDoor, stagedReducer, type StagedChanges } from './staged-changes';

describe('stagedReducer', () => {
  it('a toggle stages what the cell calls for, and a second toggle unstages it', () => {
    let state: StagedChanges = {};
    state = stagedReducer(state, { type: 'toggle', doorId: 1, userId: 10, base: 'none' });
    state = stagedReducer(state, { type: 'toggle', doorId: 1, userId: 11, base: 'assigned' });
    state = stagedReducer(state, { type: 'toggle', doorId: 2, userId: 10, base: 'pending' });
    expect(state).toEqual({ [cellKey(1, 10)]: 'grant', [cellKey(1, 11)]: 'revoke', [cellKey(2, 10)]: 'cancel' });
    state = stagedReducer(state, { type: 'toggle', doorId: 1, userId: 11, base: 'assigned' });
    expect(state[cellKey(1, 11)]).toBeUndefined();
  });

  it('granting many stages only cells without access, keeping other staged changes', () => {
    const before = stagedReducer({}, { type: 'toggle', doorId: 1, userId: 11, base: 'assigned' });
    const after = stagedReducer(before, {
      type: 'grantMany',
      pairs: [
        { doorId: 1, userId: 10, base: 'none' },
        { doorId: 1, userId: 11, base: 'assigned' },
        { doorId: 1, userId: 12, base: 'pending' },
      ],
    });
    expect(after).toEqual({ [cellKey(1, 10)]: 'grant', [cellKey(1, 11)]: 'revoke' });
  });

  it('an applied door’s changes leave the staging; the rest stay; discard empties it', () => {
    let state: StagedChanges = { [cellKey(1, 10)]: 'grant', [cellKey(1, 11)]: 'revoke', [cellKey(2, 10)]: 'grant' };
    state = stagedReducer(state, { type: 'applied', doorId: 1, userIds: [10, 11] });
    expect(state).toEqual({ [cellKey(2, 10)]: 'grant' });
    expect(stagedReducer(state, { type: 'discard' })).toEqual({});
  });

  it('does not change the state it is given', () => {
    const state = Object.freeze({ [cellKey(1, 10)]: 'grant' as const });
    stagedReducer(state, { type: 'applied', doorId: 1, userIds: [10] });
    expect(state).toEqual({ [cellKey(1, 10)]: 'grant' });
  });
});

describe('groupByDoor', () => {
  it('gives one change per door and the totals', () => {
    const { byDoor, totals } = groupByDoor({
      [cellKey(1, 10)]: 'grant',
      [cellKey(1, 11)]: 'revoke',
      [cellKey(2, 12)]: 'cancel',
      [cellKey(2, 13)]: 'grant',
    });
    expect(byDoor.get(1)).toEqual({ add: [10], remove: [11], cancelPending: [] });
    expect(byDoor.get(2)).toEqual({ add: [13], remove: [], cancelPending: [12] });
    expect(totals).toEqual({ grants: 2, revokes: 1, cancels: 1 });
  });
});
