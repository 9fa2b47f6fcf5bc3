/**
 * A promise started now and awaited later, maybe never (the page may return early, e.g. with a load error): its
 * rejection is marked handled at once so it cannot crash the process as unhandled, and still reaches whoever
 * awaits it.
 */
export function settledLater<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => {});
  return promise;
}
