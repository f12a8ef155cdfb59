// The minimum an inbound Bot Framework activity must carry before the adapter sees it.
import { z } from 'zod';

const id = z.string().min(1).max(512);
const account = z.object({ id, name: z.string().max(256).optional(), role: z.string().max(64).optional() }).passthrough();

export const inboundActivitySchema = z
  .object({
    type: z.string().min(1).max(64),
    id: z.string().max(512).optional(),
    channelId: z.string().max(128).optional(),
    conversation: z.object({ id }).passthrough(),
    from: account.optional(),
    recipient: account.optional(),
    text: z.string().max(4096).optional(),
    locale: z.string().max(35).optional(),
    deliveryMode: z.string().max(32).optional(),
    serviceUrl: z.string().max(2048).optional(),
  })
  .passthrough();

/**
 * With authentication off (no MicrosoftAppId: local use, the Emulator), nothing vouches for the
 * caller, so replies may only go back in the HTTP response (expectReplies) or to a connector on
 * this machine; otherwise anyone could make the bot post to any address.
 */
export function unauthenticatedReplyTargetOk(activity: { deliveryMode?: string; serviceUrl?: string }): boolean {
  if (activity.deliveryMode === 'expectReplies') return true;
  if (!activity.serviceUrl) return true;
  try {
    const host = new URL(activity.serviceUrl).hostname;
    return host === 'localhost' || host === '[::1]' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
  } catch {
    return false;
  }
}
