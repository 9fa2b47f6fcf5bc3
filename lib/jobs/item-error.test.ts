import { describe, expect, it, vi } from 'vitest';
import { describeOutcome } from '../audit/sentence';
import { SpintlyError } from '../spintly/errors';
import { describeItemError } from './index';
import { Refusal } from '../core/refusal';

describe('a job item that did not get done', () => {
  it('is a refusal when the admin can act on it: outside their sites, gone from Spintly, or Spintly said no', () => {
    expect(describeItemError(new Refusal('This person is outside your sites.', { reason: 'scope' }))).toEqual({
      message: 'This person is outside your sites.',
      reason: 'scope',
    });
    expect(describeItemError(new Refusal('Spintly has no such person any more.', { reason: 'not_found' })).reason).toBe(
      'not_found',
    );
    expect(describeItemError(new SpintlyError({ kind: 'conflict', endpoint: 'createUser', status: 409 })).reason).toBe(
      'conflict',
    );
    const invalid = describeItemError(new SpintlyError({ kind: 'invalid', endpoint: 'createUser', status: 400 }));
    expect(invalid.reason).toBe('validation');
    // As the audit log shows it: "Refused — …", not "Failed".
    expect(describeOutcome('failed', invalid.reason).category).toBe('refused');
  });

  it('is a failure when something broke: Spintly unavailable, or an error of our own (whose words are not shown)', () => {
    const outage = describeItemError(new SpintlyError({ kind: 'unavailable', endpoint: 'createUser', status: 503 }));
    expect(outage.reason).toBeNull();
    expect(describeOutcome('failed', outage.reason).category).toBe('failed');
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    const ours = describeItemError(new TypeError('secret detail'));
    quiet.mockRestore();
    expect(ours.reason).toBeNull();
    expect(ours.message).not.toContain('secret');
  });
});
