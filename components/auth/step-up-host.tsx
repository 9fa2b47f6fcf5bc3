'use client';

import { lazy, Suspense, useSyncExternalStore } from 'react';
import { stepUpStore } from './step-up';

// The dialog's code loads the first time a step-up is asked for, not with every page. React's own lazy: next/dynamic
// would add its loader to every route's first-load JavaScript for this one dialog.
const StepUpDialog = lazy(() => import('./step-up-dialog').then((m) => ({ default: m.StepUpDialog })));

/** Mounted once in the portal layout: shows the step-up dialog while an action waits for a code. */
export function StepUpHost() {
  const asking = useSyncExternalStore(stepUpStore.subscribe, stepUpStore.isAsking, stepUpStore.serverSnapshot);
  return asking ? (
    <Suspense fallback={null}>
      <StepUpDialog onAnswer={stepUpStore.answer} />
    </Suspense>
  ) : null;
}
