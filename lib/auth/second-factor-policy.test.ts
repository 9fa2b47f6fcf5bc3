import { describe, expect, it } from 'vitest';
import { policyCovers } from './second-factor-policy';
import { setupPending } from './setup';

describe('REQUIRE_2FA', () => {
  it('super_admin (the default) covers super admins signing in with a password, and no one else', () => {
    expect(policyCovers('super_admin', 'super_admin', 'password')).toBe(true);
    expect(policyCovers('super_admin', 'site_admin', 'password')).toBe(false);
    expect(policyCovers('all', 'front_desk', 'password')).toBe(true);
    expect(policyCovers('off', 'super_admin', 'password')).toBe(false);
  });

  it('exempts single sign-on: the identity provider asks for its own factor', () => {
    expect(policyCovers('all', 'super_admin', 'single_sign_on')).toBe(false);
  });

  it('a one-time password is replaced before the second factor is set up', () => {
    expect(setupPending({ mustChangePassword: true, mustEnrolSecondFactor: true })).toBe('password');
    expect(setupPending({ mustChangePassword: false, mustEnrolSecondFactor: true })).toBe('second_factor');
    expect(setupPending({ mustChangePassword: false, mustEnrolSecondFactor: false })).toBeNull();
  });
});
