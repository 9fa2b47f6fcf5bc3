import { describe, expect, it } from 'vitest';
import { refuseNewVisitorRole } from './role';
import { Refusal } from '../core/refusal';

const roles = [
  { id: 1, name: 'Spintly user' },
  { id: 6, name: 'Visitor' },
];
const client = (holds: number[]) => ({
  listRoles: async () => roles,
  getUser: async (id: number) => ({ id, roles: roles.filter((r) => holds.includes(r.id)) }) as never,
});

describe('the person form and the visitor role', () => {
  it('a member role passes; the visitor role is refused for a new person, beside the roles field', async () => {
    await expect(refuseNewVisitorRole(client([]), [1])).resolves.toBeUndefined();
    const refused = await refuseNewVisitorRole(client([]), [1, 6]).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(Refusal);
    expect(refused).toMatchObject({ field: 'roleIds', message: expect.stringContaining('Visitors page') });
  });

  it('editing keeps it for someone who already is a visitor, and refuses it for a member', async () => {
    await expect(refuseNewVisitorRole(client([6]), [6], 2001)).resolves.toBeUndefined();
    await expect(refuseNewVisitorRole(client([1]), [1, 6], 1001)).rejects.toBeInstanceOf(Refusal);
  });
});
