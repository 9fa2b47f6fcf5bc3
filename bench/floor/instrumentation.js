/** The floor app starts nothing: without this file Next would pick up the portal's own start-up from the repository root. */
export function register() {}
