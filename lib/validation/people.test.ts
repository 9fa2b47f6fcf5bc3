import { describe, expect, it } from 'vitest';
import { createPersonSchema } from './people';

const base = {
  name: 'Asha Rao',
  homeSiteId: '1',
  roleIds: ['1'],
  access: {
    mobile: true,
    card: true,
    remoteAccess: false,
    tapToAccess: false,
    fingerprint: false,
    faceAccess: false,
    gps: false,
    deviceLock: false,
    clickToAccessRange: 3,
  },
};
const reachIssues = (input: object) =>
  (createPersonSchema.safeParse(input).error?.issues ?? [])
    .filter((i) => i.message === 'Enter an email or a phone number')
    .map((i) => i.path[0]);

describe('person form rules', () => {
  it('asks for an email or a phone under both fields, and is satisfied by either', () => {
    expect(reachIssues(base)).toEqual(['email', 'phone']);
    expect(createPersonSchema.safeParse({ ...base, email: 'asha@example.com' }).success).toBe(true);
    expect(createPersonSchema.safeParse({ ...base, phone: '+919876543210' }).success).toBe(true);
  });
});
