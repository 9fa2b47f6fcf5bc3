'use client';

import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { UNKNOWN_OUTCOME } from '@/lib/actions/result-codes';
import type { ActionResult } from '@/lib/actions/safe-action';
import { toast } from './toast';
import { withStepUp } from '@/components/auth/step-up';

/** A server action as defineAction shapes it: `(previousState, input)`, for useActionState and plain forms alike. */
export type ServerAction<I, T> = (previous: unknown, input: I) => Promise<ActionResult<T>>;

export interface ServerActionOptions<T> {
  /** Shown when the action succeeds without a message of its own; `null` = no toast (the caller shows the outcome). */
  successMessage?: string | null;
  /** After a success, before the page is refreshed. */
  onSuccess?: (result: Extract<ActionResult<T>, { ok: true }>) => void;
  /** After a failure; the toast has been shown unless this returns `'handled'` (e.g. a form that shows it inline). */
  onError?: (result: Extract<ActionResult<T>, { ok: false }>) => void | 'handled';
  /** Re-render the page from the server after a success (default true). */
  refresh?: boolean;
}

/**
 * Shows what an action's result means and does what follows it: a success toast, `onSuccess`, and a refresh; or
 * `onError` and an error toast — with "Check now" (a refresh) when Spintly did not confirm a write.
 */
export function reportOutcome<T>(result: ActionResult<T>, options: ServerActionOptions<T>, refreshPage: () => void) {
  const { successMessage, onSuccess, onError, refresh = true } = options;
  if (result.ok) {
    if (successMessage !== null) toast.success(result.message ?? successMessage ?? 'Done.');
    onSuccess?.(result);
    if (refresh) refreshPage();
    return;
  }
  if (onError?.(result) === 'handled') return;
  toast.error(
    result.message,
    result.code === UNKNOWN_OUTCOME ? { label: 'Check now', onClick: refreshPage } : undefined,
  );
}

/**
 * Runs a server action from a client component: supplies the action's first argument, shows the outcome as a toast
 * and refreshes the page's server data. A write Spintly did not confirm gets a toast with "Check now" (a refresh
 * that reads Spintly again), because trying the change again blindly could make it twice.
 */
export function useServerAction<I, T = undefined>(action: ServerAction<I, T>, options: ServerActionOptions<T> = {}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const run = (input: I) =>
    new Promise<ActionResult<T>>((resolve) =>
      startTransition(async () => {
        // A change that needs a fresh second-factor code asks for one, then goes again (components/auth/step-up.ts).
        const result = await withStepUp(() => action(null, input));
        reportOutcome(result, options, () => router.refresh());
        resolve(result);
      }),
    );

  return { run, pending };
}
