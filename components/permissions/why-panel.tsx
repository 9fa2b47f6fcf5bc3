'use client';

import { useState } from 'react';
import { formatDate, formatDateTime, type DisplaySettings } from '@/lib/format';
import { explainAccess, type ExplainedGrant, type WhyInput } from '@/lib/grants/why';

/** What every door's Why? shares: the person, the moment the page read Spintly, and how the portal shows times. */
export interface WhyContext {
  person: WhyInput['person'];
  now: string;
  display: DisplaySettings;
}

/**
 * "Why?" under a door: the verdict and its reasons, worked out when it is opened (lib/grants/why.ts, pure) from the
 * person's facts, the door's state and that door's grants — so a page of a thousand doors carries no sentences.
 */
export function WhyPanel({
  doorId,
  door,
  pendingSince,
  grants,
  context,
}: {
  doorId: number;
  door: WhyInput['door'];
  pendingSince: string | null;
  grants: readonly ExplainedGrant[];
  context: WhyContext;
}) {
  const [open, setOpen] = useState(false);
  const why =
    open &&
    explainAccess({
      person: context.person,
      door,
      pendingSinceText: pendingSince ? formatDateTime(pendingSince, context.display) : null,
      grants,
      show: {
        time: (iso) => formatDateTime(iso, context.display),
        day: (iso) => formatDate(iso, context.display),
      },
      now: context.now,
    });
  return (
    <details
      className="mt-1 text-xs font-normal text-slate-700"
      data-testid={`why-${doorId}`}
      onToggle={(event) => setOpen(event.currentTarget.open)}
    >
      <summary className="cursor-pointer text-indigo-700">Why?</summary>
      {why && (
        <>
          <p className="mt-1 font-medium">{why.verdict}</p>
          <ul className="mt-1 list-disc pl-4">
            {why.reasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        </>
      )}
    </details>
  );
}
