import 'server-only';
import { randomBytes, randomUUID } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { Kysely } from 'kysely';
import type { Database, OperatorRole, OperatorStatus } from '../db/schema';
import { Refusal } from '../core/refusal';

/**
 * The portal's operators (its own staff accounts, not Spintly users): passwords as argon2id hashes, one-time
 * passwords that must be changed at first sign-in, site assignments, and a session version that ends every older
 * session when an operator is disabled or their password changes.
 */
export interface Operator {
  id: string;
  email: string;
  name: string;
  role: OperatorRole;
  status: OperatorStatus;
  /** The sites reached: assigned (site admins, front desk), or a company admin's companies' sites. */
  siteIds: number[];
  /** The companies a company admin is limited to; empty for every other role. */
  companyIds: number[];
  mustChangePassword: boolean;
  sessionVersion: number;
  hasPassword: boolean;
  /** When the operator's second factor (TOTP) was confirmed; null without one. */
  secondFactorSince: string | null;
  createdAt: string;
}

/** The store's refusals, written for the admin; a refusal like any other, with the form field it belongs beside. */
export class OperatorError extends Refusal {
  constructor(
    readonly problem: 'not_found' | 'email_taken' | 'last_super_admin' | 'self' | 'wrong_password',
    message: string,
  ) {
    super(message, {
      reason: problem === 'not_found' ? 'not_found' : 'conflict',
      field: problem === 'email_taken' ? 'email' : problem === 'wrong_password' ? 'currentPassword' : undefined,
    });
  }
}

// argon2id with OWASP's minimum parameters (19 MiB, 2 passes): about 30 ms here.
const HASH_OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string) => hash(password, HASH_OPTIONS);

/** A hash to compare against when no operator matches, so a wrong email takes as long as a wrong password. */
let decoyHash: Promise<string> | undefined;

/**
 * A code to read out or type: `groups` groups of `size` characters from an alphabet without look-alikes (no 0/o,
 * 1/l/i), joined by dashes. 31 symbols, about 5 bits each.
 */
export function readableCode(groups: number, size: number): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const chars = [...randomBytes(groups * size)].map((b) => alphabet[b % alphabet.length]);
  return Array.from({ length: groups }, (_, g) => chars.slice(g * size, (g + 1) * size).join('')).join('-');
}

/** Readable one-time passwords: 4 groups of 4 (about 79 bits). */
export const generateOneTimePassword = () => readableCode(4, 4);

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

export function operatorStore(db: Kysely<Database>, now: () => Date = () => new Date()) {
  const stamp = () => now().toISOString();

  async function load(
    where: { id: string } | { email: string },
  ): Promise<(Operator & { passwordHash: string | null }) | null> {
    const row = await db
      .selectFrom('operators')
      .leftJoin('operator_second_factors as factor', 'factor.operator_id', 'operators.id')
      .selectAll('operators')
      .select('factor.confirmed_at as second_factor_since')
      .$if('id' in where, (q) => q.where('operators.id', '=', (where as { id: string }).id))
      .$if('email' in where, (q) => q.where('operators.email', '=', normaliseEmail((where as { email: string }).email)))
      .executeTakeFirst();
    if (!row) return null;
    const companies =
      row.role === 'company_admin'
        ? (
            await db.selectFrom('operator_companies').select('company_id').where('operator_id', '=', row.id).execute()
          ).map((c) => Number(c.company_id))
        : [];
    // A company admin reaches the sites of their companies, as the companies have them now.
    const sites =
      row.role === 'company_admin'
        ? companies.length === 0
          ? []
          : await db
              .selectFrom('company_sites')
              .select('site_id')
              .distinct()
              .where('company_id', 'in', companies)
              .execute()
        : await db.selectFrom('operator_sites').select('site_id').where('operator_id', '=', row.id).execute();
    return {
      id: row.id,
      email: row.email,
      name: row.name,
      role: row.role,
      status: row.status,
      siteIds: sites.map((s) => Number(s.site_id)).sort((a, b) => a - b),
      companyIds: companies.sort((a, b) => a - b),
      mustChangePassword: Number(row.must_change_password) === 1,
      sessionVersion: Number(row.session_version),
      hasPassword: row.password_hash !== null,
      secondFactorSince: row.second_factor_since ?? null,
      createdAt: row.created_at,
      passwordHash: row.password_hash,
    };
  }

  const strip = <T extends { passwordHash: string | null }>(operator: T | null) => {
    if (!operator) return null;
    const { passwordHash: _hash, ...rest } = operator;
    return rest;
  };

  async function require(id: string) {
    const operator = await load({ id });
    if (!operator) throw new OperatorError('not_found', 'That operator no longer exists.');
    return operator;
  }

  async function activeSuperAdmins(): Promise<number> {
    const row = await db
      .selectFrom('operators')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('role', '=', 'super_admin')
      .where('status', '=', 'active')
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async function setSites(operatorId: string, siteIds: readonly number[]) {
    await db.deleteFrom('operator_sites').where('operator_id', '=', operatorId).execute();
    const unique = [...new Set(siteIds)];
    if (unique.length > 0)
      await db
        .insertInto('operator_sites')
        .values(unique.map((site_id) => ({ operator_id: operatorId, site_id })))
        .execute();
  }

  /** Where a role's reach is stored: sites for site admins and the front desk, companies for company admins. */
  async function setReach(
    operatorId: string,
    role: OperatorRole,
    siteIds: readonly number[],
    companyIds: readonly number[],
  ) {
    await setSites(operatorId, role === 'super_admin' || role === 'company_admin' ? [] : siteIds);
    await db.deleteFrom('operator_companies').where('operator_id', '=', operatorId).execute();
    const companies = role === 'company_admin' ? [...new Set(companyIds)] : [];
    if (companies.length > 0)
      await db
        .insertInto('operator_companies')
        .values(companies.map((company_id) => ({ operator_id: operatorId, company_id })))
        .execute();
  }

  return {
    get: async (id: string) => strip(await load({ id })),
    getByEmail: async (email: string) => strip(await load({ email })),

    async list(): Promise<Operator[]> {
      const rows = await db.selectFrom('operators').select('id').orderBy('email').execute();
      const all = await Promise.all(rows.map((row) => load({ id: row.id })));
      return all.filter((o) => o !== null).map((o) => strip(o)!);
    },

    /** Creates an operator with a one-time password (returned once, never stored in clear), or a chosen one. */
    async create(input: {
      email: string;
      name: string;
      role: OperatorRole;
      siteIds: number[];
      companyIds?: number[] | undefined;
      password?: string;
    }) {
      const email = normaliseEmail(input.email);
      if (await load({ email })) throw new OperatorError('email_taken', 'An operator with this email already exists.');
      const password = input.password ?? generateOneTimePassword();
      const id = randomUUID();
      await db
        .insertInto('operators')
        .values({
          id,
          email,
          name: input.name.trim(),
          password_hash: await hashPassword(password),
          role: input.role,
          status: 'active',
          must_change_password: input.password ? 0 : 1,
          session_version: 1,
          created_at: stamp(),
          updated_at: stamp(),
        })
        .execute();
      await setReach(id, input.role, input.siteIds, input.companyIds ?? []);
      return { operator: strip(await require(id))!, oneTimePassword: input.password ? null : password };
    },

    /** Changes role and sites. The last active super admin cannot be demoted, and nobody changes their own role. */
    async updateAccess(actorId: string, id: string, role: OperatorRole, siteIds: number[], companyIds: number[] = []) {
      const target = await require(id);
      if (actorId === id && role !== target.role)
        throw new OperatorError('self', 'You cannot change your own role. Ask another super admin.');
      if (
        target.role === 'super_admin' &&
        role !== 'super_admin' &&
        target.status === 'active' &&
        (await activeSuperAdmins()) <= 1
      )
        throw new OperatorError(
          'last_super_admin',
          'This is the last active super admin. Make someone else super admin first.',
        );
      await db.updateTable('operators').set({ role, updated_at: stamp() }).where('id', '=', id).execute();
      await setReach(id, role, siteIds, companyIds);
      return strip(await require(id))!;
    },

    /** Disabling ends every session of that operator at their next request. */
    async setStatus(actorId: string, id: string, status: OperatorStatus) {
      const target = await require(id);
      if (actorId === id && status === 'disabled')
        throw new OperatorError('self', 'You cannot disable your own account.');
      if (
        status === 'disabled' &&
        target.role === 'super_admin' &&
        target.status === 'active' &&
        (await activeSuperAdmins()) <= 1
      )
        throw new OperatorError('last_super_admin', 'This is the last active super admin and cannot be disabled.');
      await db
        .updateTable('operators')
        .set((eb) => ({ status, updated_at: stamp(), session_version: eb('session_version', '+', 1) }))
        .where('id', '=', id)
        .execute();
      return strip(await require(id))!;
    },

    /** Every session of the operator ends: the session version their cookies carry is no longer current. */
    async endAllSessions(id: string) {
      await db
        .updateTable('operators')
        .set((eb) => ({ updated_at: stamp(), session_version: eb('session_version', '+', 1) }))
        .where('id', '=', id)
        .execute();
    },

    /** A new one-time password; the operator's sessions end and they must choose a new password at sign-in. */
    async resetPassword(id: string) {
      await require(id);
      const password = generateOneTimePassword();
      const passwordHash = await hashPassword(password);
      await db
        .updateTable('operators')
        .set((eb) => ({
          password_hash: passwordHash,
          must_change_password: 1,
          updated_at: stamp(),
          session_version: eb('session_version', '+', 1),
        }))
        .where('id', '=', id)
        .execute();
      return password;
    },

    /** The operator's own change: needs the current password; keeps the current session (new version returned). */
    async changePassword(id: string, current: string, next: string) {
      const operator = await require(id);
      if (!operator.passwordHash || !(await verify(operator.passwordHash, current)))
        throw new OperatorError('wrong_password', 'The current password is not right.');
      const passwordHash = await hashPassword(next);
      await db
        .updateTable('operators')
        .set((eb) => ({
          password_hash: passwordHash,
          must_change_password: 0,
          updated_at: stamp(),
          session_version: eb('session_version', '+', 1),
        }))
        .where('id', '=', id)
        .execute();
      return strip(await require(id))!;
    },

    /** The operator whose email and password these are, or null. Takes as long for an unknown email. */
    async verifyCredentials(email: string, password: string) {
      const operator = await load({ email });
      if (!operator?.passwordHash) {
        decoyHash ??= hashPassword(randomBytes(16).toString('hex'));
        await verify(await decoyHash, password).catch(() => false);
        return null;
      }
      return (await verify(operator.passwordHash, password)) ? strip(operator) : null;
    },

    /** Sets a known password without forcing a change: for the demo operators only. */
    async upsertWithPassword(input: {
      email: string;
      name: string;
      role: OperatorRole;
      siteIds: number[];
      companyIds?: number[];
      password: string;
    }) {
      const existing = await load({ email: input.email });
      if (!existing) return (await this.create(input)).operator;
      await db
        .updateTable('operators')
        .set({
          name: input.name,
          role: input.role,
          status: 'active',
          must_change_password: 0,
          password_hash: await hashPassword(input.password),
          updated_at: stamp(),
        })
        .where('id', '=', existing.id)
        .execute();
      await setReach(existing.id, input.role, input.siteIds, input.companyIds ?? []);
      return strip(await require(existing.id))!;
    },
  };
}

export type OperatorStore = ReturnType<typeof operatorStore>;
