/**
 * Step-up in the browser: an action that can do great harm answers `step_up_required` when this session has not
 * re-entered a second-factor code lately (the server decides; lib/actions/safe-action.ts). `withStepUp` wraps a call
 * to such an action: on that answer it asks for a code in a dialog (<StepUpHost> in the portal layout), and once the
 * code is accepted sends the same request again. Cancelled, the refusal stands and its message says what was needed.
 * A module-level store, like the toasts: any form or button reaches the one dialog without a context.
 */
import { STEP_UP_REQUIRED } from '@/lib/actions/result-codes';

type Waiting = (accepted: boolean) => void;

let waiting: Waiting | null = null;
const listeners = new Set<() => void>();
const publish = () => listeners.forEach((listener) => listener());

/** Opens the code dialog; resolves true once a code was accepted, false when cancelled. */
function askForCode(): Promise<boolean> {
  waiting?.(false); // one question at a time: an older one is cancelled
  return new Promise((resolve) => {
    waiting = resolve;
    publish();
  });
}

export const stepUpStore = {
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => void listeners.delete(listener);
  },
  isAsking: () => waiting !== null,
  /** The server renders no dialog. */
  serverSnapshot: () => false,
  /** The dialog's answer. */
  answer(accepted: boolean) {
    const resolve = waiting;
    waiting = null;
    publish();
    resolve?.(accepted);
  },
};

export async function withStepUp<R extends { ok: boolean; code?: string } | undefined | void>(
  send: () => Promise<R>,
): Promise<R> {
  const first = await send();
  if (!first || first.ok || first.code !== STEP_UP_REQUIRED) return first;
  return (await askForCode()) ? send() : first;
}
