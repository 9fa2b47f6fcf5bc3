'use client';

import dynamic from 'next/dynamic';
import { useSyncExternalStore } from 'react';
import { stepUpStore } from './step-up';

// The dialog's code loads the first time a step-up is asked for, not with every page.
const StepUpDialog = dynamic(() => import('./step-up-dialog').then((m) => m.StepUpDialog));

/** Mounted once in the portal layout: shows the step-up dialog while an action waits for a code. */
export function StepUpHost() {
  const asking = useSyncExternalStore(stepUpStore.subscribe, stepUpStore.isAsking, stepUpStore.serverSnapshot);
  return asking ? <StepUpDialog onAnswer={stepUpStore.answer} /> : null;
}
