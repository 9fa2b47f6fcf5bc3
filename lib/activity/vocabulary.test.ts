import { describe, expect, it } from 'vitest';
import { activityQuerySchema } from '../data/activity';
import { fromWebhook } from './store';
import { ACCESS_TYPES, eventLabel } from './vocabulary';

const webhookEvent = (accessType: string) => ({
  orgId: 4242,
  eventId: 'e-1',
  eventTimeEpoch: 1_764_000_000,
  accessPointId: 501,
  accessType,
});

describe('one vocabulary for access events', () => {
  it('every type the store keeps can be filtered on /activity and has a label', () => {
    for (const type of ACCESS_TYPES) {
      expect(fromWebhook(webhookEvent(type.toUpperCase()) as never).access_type).toBe(type);
      expect(activityQuerySchema.parse({ type }).type).toBe(type);
      expect(eventLabel(type)).not.toBe(type);
    }
  });

  it('a type outside it is stored as unknown and ignored as a filter', () => {
    expect(fromWebhook(webhookEvent('retina') as never).access_type).toBeNull();
    expect(activityQuerySchema.parse({ type: 'retina' }).type).toBeUndefined();
    expect(eventLabel(null)).toBe('—');
  });
});
