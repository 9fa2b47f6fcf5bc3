import { receiveWebhook } from '@/lib/activity/webhook';

/** Spintly's access_event webhook; authenticated by its x-api-key, not a session (proxy.ts leaves it alone). */
export const POST = receiveWebhook;
