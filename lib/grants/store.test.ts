import { expect, it } from 'vitest';
import { openDatabase } from '../db';
import { endSourceRecords, openGrantsOf, recordDirectGrants, recordDoorChange, recordSourceGrants } from './store';

const asha = { id: 'op-asha', name: 'Asha Admin' };

it('a cancelled pending grant ends its direct grant (the door is not given after all); a removal too', async () => {
  const db = await openDatabase('file::memory:');
  await recordDirectGrants(db, asha, [
    { personId: 1, doorId: 501 },
    { personId: 2, doorId: 501 },
    { personId: 3, doorId: 501 },
  ]);
  await recordDoorChange(db, asha, { doorId: 501, add: [], remove: [2], cancelPending: [1] });
  const open = async (id: number) => (await openGrantsOf(db, id)).map((g) => g.doorId);
  expect([await open(1), await open(2), await open(3)]).toEqual([[], [], [501]]);
});

it('a visit’s grants are recorded once however often its registration resumes, and end with it', async () => {
  const db = await openDatabase('file::memory:');
  const visit = { source: 'visit' as const, sourceId: 'visit-1' };
  await recordSourceGrants(db, asha, { personId: 9, doorIds: [501, 502], ...visit });
  await recordSourceGrants(db, asha, { personId: 9, doorIds: [501, 502, 503], ...visit });
  expect((await openGrantsOf(db, 9)).map((g) => [g.doorId, g.source])).toEqual([
    [501, 'visit'],
    [502, 'visit'],
    [503, 'visit'],
  ]);
  await endSourceRecords(db, visit, 'revoked', [503]);
  expect((await openGrantsOf(db, 9)).map((g) => g.doorId)).toEqual([501, 502]);
  await endSourceRecords(db, visit, 'expired');
  expect(await openGrantsOf(db, 9)).toEqual([]);
});
