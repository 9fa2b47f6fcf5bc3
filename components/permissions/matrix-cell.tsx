'use client';

import { memo } from 'react';
import type { MatrixPending } from '@/lib/data/permissions';
import { pendingFor } from '../doors/pending-since';
import type { Base, Staged } from './staged-changes';

const STAGED_WORDS: Record<Staged, string> = { grant: 'grant', revoke: 'revoke', cancel: 'cancel pending change' };
const STAGED_GLYPH: Record<Staged, string> = { grant: '+', revoke: '−', cancel: '×' };

/**
 * One person × door cell: what it is now, what is staged on it, and how it reads to a screen reader. Its look comes
 * from its data attributes (`.matrix-cell` in app/globals.css).
 */
export const MatrixCell = memo(function MatrixCell({
  personName,
  doorName,
  row,
  col,
  base,
  change,
  pending,
  stuck,
  focused,
  readAt,
  onPick,
}: {
  personName: string;
  doorName: string;
  row: number;
  col: number;
  base: Base;
  change: Staged | undefined;
  pending: MatrixPending | undefined;
  stuck: boolean;
  focused: boolean;
  readAt: number;
  onPick: (row: number, col: number) => void;
}) {
  const state =
    base === 'assigned'
      ? 'can open'
      : base === 'pending'
        ? `${pending?.action === 'revoke' ? 'removal' : 'access'} pending${pending?.since ? ` ${pendingFor(pending.since, readAt)}` : ''}${stuck ? ', reader may be offline' : ''}`
        : 'no access';
  const staging = change ? `; staged: ${STAGED_WORDS[change]}` : '';
  const glyph = change
    ? STAGED_GLYPH[change]
    : base === 'assigned'
      ? '✓'
      : base === 'pending'
        ? stuck
          ? '!'
          : '…'
        : '○';
  return (
    <div
      role="gridcell"
      aria-colindex={col + 2}
      aria-selected={Boolean(change)}
      aria-label={`${personName}, ${doorName}: ${state}${staging}`}
      data-cell={`${row}:${col}`}
      data-state={base}
      data-staged={change ?? ''}
      data-stuck={stuck || undefined}
      tabIndex={focused ? 0 : -1}
      onClick={() => onPick(row, col)}
      className="matrix-cell"
    >
      <span aria-hidden>{glyph}</span>
    </div>
  );
});
