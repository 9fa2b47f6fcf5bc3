import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { Database } from '../db';
import { describeDatabases } from '../db/test-databases';
import { OperatorError, generateOneTimePassword, operatorStore } from './store';

let db: Kysely<Database>;
describeDatabases('operator store', (database) => {
  beforeEach(async () => {
    db = await database.open();
  });
  afterEach(() => db.destroy());

  it('creates an operator with a one-time password stored only as an argon2id hash', async () => {
    const store = operatorStore(db);
    const { operator, oneTimePassword } = await store.create({
      email: ' Ops@Example.COM ',
      name: 'Ops',
      role: 'site_admin',
      siteIds: [2, 1, 2],
    });
    expect(operator).toMatchObject({
      email: 'ops@example.com',
      role: 'site_admin',
      siteIds: [1, 2],
      mustChangePassword: true,
      status: 'active',
    });
    expect(oneTimePassword).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    const row = await db.selectFrom('operators').select('password_hash').executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(row.password_hash).not.toContain(oneTimePassword!);
    expect(await store.verifyCredentials('OPS@example.com', oneTimePassword!)).toMatchObject({ id: operator.id });
    expect(await store.verifyCredentials('ops@example.com', 'wrong')).toBeNull();
    expect(await store.verifyCredentials('nobody@example.com', 'wrong')).toBeNull();
    expect(operator).not.toHaveProperty('passwordHash');
  });

  it('refuses a second operator with the same email', async () => {
    const store = operatorStore(db);
    await store.create({ email: 'a@example.com', name: 'A', role: 'front_desk', siteIds: [1] });
    await expect(
      store.create({ email: 'A@example.com', name: 'B', role: 'front_desk', siteIds: [1] }),
    ).rejects.toMatchObject({ problem: 'email_taken' });
  });

  it('keeps at least one active super admin, and nobody changes their own role or disables themselves', async () => {
    const store = operatorStore(db);
    const { operator: root } = await store.create({
      email: 'root@example.com',
      name: 'Root',
      role: 'super_admin',
      siteIds: [],
    });
    const { operator: other } = await store.create({
      email: 'other@example.com',
      name: 'Other',
      role: 'site_admin',
      siteIds: [1],
    });
    await expect(store.updateAccess(other.id, root.id, 'site_admin', [1])).rejects.toMatchObject({
      problem: 'last_super_admin',
    });
    await expect(store.setStatus(other.id, root.id, 'disabled')).rejects.toMatchObject({ problem: 'last_super_admin' });
    await expect(store.setStatus(root.id, root.id, 'disabled')).rejects.toMatchObject({ problem: 'self' });
    await expect(store.updateAccess(root.id, root.id, 'front_desk', [1])).rejects.toBeInstanceOf(OperatorError);
    const promoted = await store.updateAccess(root.id, other.id, 'super_admin', [1]);
    expect(promoted).toMatchObject({ role: 'super_admin', siteIds: [] });
    expect(await store.updateAccess(other.id, root.id, 'site_admin', [3])).toMatchObject({
      role: 'site_admin',
      siteIds: [3],
    });
  });

  it('disabling, resetting and changing a password each end older sessions (session version)', async () => {
    const store = operatorStore(db);
    const { operator: root } = await store.create({
      email: 'root@example.com',
      name: 'Root',
      role: 'super_admin',
      siteIds: [],
    });
    const { operator } = await store.create({
      email: 'x@example.com',
      name: 'X',
      role: 'front_desk',
      siteIds: [1],
      password: 'first-password-1',
    });
    expect(operator.mustChangePassword).toBe(false);
    const v1 = operator.sessionVersion;
    const disabled = await store.setStatus(root.id, operator.id, 'disabled');
    expect(disabled.sessionVersion).toBe(v1 + 1);
    await store.setStatus(root.id, operator.id, 'active');
    const otp = await store.resetPassword(operator.id);
    const reset = (await store.get(operator.id))!;
    expect(reset.mustChangePassword).toBe(true);
    expect(reset.sessionVersion).toBe(v1 + 3);
    expect(await store.verifyCredentials('x@example.com', 'first-password-1')).toBeNull();
    await expect(store.changePassword(operator.id, 'wrong', 'second-password-2')).rejects.toMatchObject({
      problem: 'wrong_password',
    });
    const changed = await store.changePassword(operator.id, otp, 'second-password-2');
    expect(changed).toMatchObject({ mustChangePassword: false, sessionVersion: v1 + 4 });
    expect(await store.verifyCredentials('x@example.com', 'second-password-2')).not.toBeNull();
  });

  it('one-time passwords differ each time', () => {
    expect(new Set(Array.from({ length: 50 }, generateOneTimePassword)).size).toBe(50);
  });
});
