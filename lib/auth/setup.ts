/**
 * The steps an operator must finish before using the portal, in order: replace a one-time password, then set up the
 * second factor REQUIRE_2FA asks of them. Pages send them to the step's page; actions and routes refuse meanwhile.
 */
/** Why the operator cannot use the portal yet, if so: a one-time password to replace, then a second factor to set up. */
export const setupPending = (operator: {
  mustChangePassword: boolean;
  mustEnrolSecondFactor: boolean;
}): 'password' | 'second_factor' | null =>
  operator.mustChangePassword ? 'password' : operator.mustEnrolSecondFactor ? 'second_factor' : null;

/** What an action or route says, and the audit log records, when the operator has a setup step left. */
export const SETUP_REFUSALS = {
  password: {
    detail: 'one-time password not yet replaced',
    message: 'Choose your own password on the Account page first.',
  },
  second_factor: {
    detail: 'second factor not yet set up',
    message: 'Set up two-factor sign-in on the Account page first.',
  },
} as const;

/** Where each unfinished setup step is done. */
export const SETUP_PAGES = { password: '/account?first=1', second_factor: '/account/two-factor' } as const;
