/**
 * Spintly's access_event webhook, as the sandbox sends it: on a tap through `/__sandbox/access` and for each simulated
 * tap of the traffic generator (SANDBOX_TRAFFIC_PER_MIN).
 */
import { randomUUID } from 'node:crypto';
import type { Random } from './random';
import type { Sandbox } from './sandbox';
import type { AccessEvent } from '../lib/spintly/contract';
import type { World } from './world';

/** Pushes the access event to SANDBOX_WEBHOOK_URL in Spintly's webhook shape; reports the receiver's status. */
export async function deliverWebhook(sandbox: Sandbox, world: World, event: AccessEvent): Promise<number | null> {
  const { webhookUrl, webhookKey } = sandbox.options;
  if (!webhookUrl) return null;
  const door = world.accessPoint(event.accessPoint.id);
  const site = world.site(door.siteId);
  const user = world.user(event.accessorId);
  const body = {
    messageVersion: 1,
    messageData: {
      requestId: randomUUID(),
      msgType: 'access_event',
      dataVersion: 1,
      data: {
        orgId: world.orgId,
        orgUserId: user.id,
        eventTimeEpoch: event.accessedAt,
        timezonedEventTime: new Date(event.accessedAt * 1000).toISOString(),
        direction: event.direction,
        accessType: event.accessType,
        eventId: event.id,
        accessPointId: door.id,
        accessPointName: door.name,
        siteId: site.id,
        siteName: site.name,
        siteLocation: site.location,
        accessorId: user.id,
        mobileAccessMode: event.mobileAccessMode,
        employeeCode: user.employeeCode,
        name: user.name,
        email: user.email,
        phone: user.phone,
        // [assumed] the person's attribute values, as the users list gives them.
        attributes: world.attributeValues(user),
        // [assumed] Spintly's documented webhook says nothing of the outcome; the sandbox sends it like its history.
        granted: event.granted,
      },
    },
  };
  try {
    const response = await fetch(webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(webhookKey && { 'x-api-key': webhookKey }) },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(5000),
    });
    return response.status;
  } catch (error) {
    sandbox.options.log(`sandbox: webhook delivery failed: ${String(error)}`);
    return 0;
  }
}

/**
 * Simulated traffic: `perMinute` taps spread over the minute, each pushed to the webhook like a real reader's event.
 * Most taps are by someone who holds the door (granted unless their access lapsed); the rest by anyone at any door, so
 * denied taps show too. Returns a stop function.
 */
export function startTraffic(sandbox: Sandbox, perMinute: number, random: Random): () => void {
  if (perMinute <= 0) return () => {};
  const timer = setInterval(() => {
    const world = sandbox.world;
    const doors = [...world.granted.entries()].filter(([, holders]) => holders.size > 0);
    if (doors.length === 0 || world.users.size === 0) return;
    let userId: number;
    let doorId: number;
    if (random.chance(0.85)) {
      const [door, holders] = random.pick(doors);
      doorId = door;
      userId = random.pick([...holders]);
    } else {
      doorId = random.pick([...world.accessPoints.keys()]);
      userId = random.pick([...world.users.keys()]);
    }
    // People tap with what they have: a card if they hold one, else their phone.
    const user = world.user(userId);
    const event = world.tap(userId, doorId, user.credentialId && user.accessData.card ? 'card' : 'mobile');
    void deliverWebhook(sandbox, world, event);
  }, 60_000 / perMinute);
  timer.unref();
  return () => clearInterval(timer);
}
