import { beforeEach, describe, expect, it, vi } from 'vitest';
import { toast, toastStore } from './toast';
import { reportOutcome } from './use-server-action';

vi.mock('next/navigation', () => ({ useRouter: () => ({ refresh: () => {} }) }));

beforeEach(() => {
  for (const entry of toastStore.snapshot()) toast.dismiss(entry.id);
});

describe('reportOutcome', () => {
  it('a success shows its message (or the default), calls onSuccess, then refreshes', () => {
    const calls: string[] = [];
    reportOutcome({ ok: true }, { successMessage: 'Saved.', onSuccess: () => calls.push('success') }, () =>
      calls.push('refresh'),
    );
    expect(toastStore.snapshot().map((t) => [t.tone, t.message])).toEqual([['success', 'Saved.']]);
    expect(calls).toEqual(['success', 'refresh']);
  });

  it('a success may skip the refresh', () => {
    const refresh = vi.fn();
    reportOutcome({ ok: true, message: 'Card issued.' }, { refresh: false }, refresh);
    expect(toastStore.snapshot()[0]?.message).toBe('Card issued.');
    expect(refresh).not.toHaveBeenCalled();
  });

  it('a success whose caller shows the outcome itself gets no toast', () => {
    const onSuccess = vi.fn();
    reportOutcome({ ok: true, data: { oneTimePassword: 'x' } }, { successMessage: null, onSuccess }, () => {});
    expect(toastStore.snapshot()).toEqual([]);
    expect(onSuccess).toHaveBeenCalledOnce();
  });

  it('a failure shows its message and does not refresh', () => {
    const refresh = vi.fn();
    const onError = vi.fn();
    reportOutcome({ ok: false, message: 'Your role does not allow this.' }, { onError }, refresh);
    const [shown] = toastStore.snapshot();
    expect([shown?.tone, shown?.message, shown?.action]).toEqual([
      'error',
      'Your role does not allow this.',
      undefined,
    ]);
    expect(onError).toHaveBeenCalledOnce();
    expect(refresh).not.toHaveBeenCalled();
  });

  it('an unknown outcome offers "Check now", which re-reads the page', () => {
    const refresh = vi.fn();
    reportOutcome({ ok: false, message: 'may or may not', code: 'unknown_outcome' }, {}, refresh);
    const [shown] = toastStore.snapshot();
    expect(shown?.action?.label).toBe('Check now');
    shown?.action?.onClick();
    expect(refresh).toHaveBeenCalledOnce();
  });

  it('a failure the caller shows itself gets no toast', () => {
    reportOutcome({ ok: false, message: 'Enter a card number' }, { onError: () => 'handled' }, () => {});
    expect(toastStore.snapshot()).toEqual([]);
  });
});
