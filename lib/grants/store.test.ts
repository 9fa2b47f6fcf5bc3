import { expect, it } from 'vitest';
import { openDatabase } from '../db';
import { openGrantsOf, recordDirectGrants, recordDoorChange } from './store';

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
