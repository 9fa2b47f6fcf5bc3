'use client';

import { useSyncExternalStore, type ComponentProps } from 'react';

const subscribeToNothing = () => () => {};

/** False while the server's HTML is all there is; true once React runs the page in the browser. */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribeToNothing,
    () => true,
    () => false,
  );
}

/**
 * A form whose submit is handled in JavaScript. Until the page is hydrated its fields and buttons are disabled:
 * a submit before then would be the browser's own — a GET that puts what was typed, passwords included, into the
 * URL. `method="post"` is the second lock: should the browser submit it anyway, nothing goes into the URL. (Once
 * hydrated, typing needs nothing more: the form engine of `useLazyForm` starts from what the fields hold.)
 */
export function Form({ children, ...props }: Omit<ComponentProps<'form'>, 'method' | 'action'>) {
  const hydrated = useHydrated();
  return (
    <form method="post" noValidate {...props}>
      <fieldset disabled={!hydrated} className="contents">
        {children}
      </fieldset>
    </form>
  );
}
