// Opt-out and consent rules, in one place, for every sender (MIIT rules in reference/domain.md 7,
// carrier keywords in reference/channels.md 1.6). The outbox asks decideSend() before it stores
// or sends anything.

/** Why a message goes out. Only a reply answers something the driver just sent. */
export const MESSAGE_KINDS = ['reply', 'proactive', 'notice', 'reminder', 'campaign', 'agent'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

export function isSolicited(kind: MessageKind): boolean {
  return kind === 'reply';
}

export interface ConsentState {
  /** The number said STOP/退订/R/T/TD (or the provider told us it is unsubscribed). */
  optedOut: boolean;
  /** Channels whose provider itself blocks messages to this number (Twilio after STOP, 21610). */
  blockedBy: string[];
  /** Explicit consent to campaigns (marketing needs it; see the audience import). */
  campaignConsent: boolean;
}

export const NO_RECORD: ConsentState = { optedOut: false, blockedBy: [], campaignConsent: false };

export type RefusalReason = 'opted_out' | 'provider_blocked' | 'no_consent';
export type SendDecision = { allowed: true } | { allowed: false; reason: RefusalReason };

/**
 * - A reply may go out after an opt-out (the driver asked a question), except on a channel whose
 *   provider blocks the number anyway (Twilio answers STOP itself and refuses with 21610).
 * - Every unsolicited message (proactive, notice, reminder, agent-initiated, campaign) stops at an
 *   opt-out until the number opts back in.
 * - Campaigns also need recorded consent.
 */
export function decideSend(kind: MessageKind, channel: string, state: ConsentState = NO_RECORD): SendDecision {
  if (state.optedOut && state.blockedBy.includes(channel)) return { allowed: false, reason: 'provider_blocked' };
  if (isSolicited(kind)) return { allowed: true };
  if (state.optedOut) return { allowed: false, reason: 'opted_out' };
  if (kind === 'campaign' && !state.campaignConsent) return { allowed: false, reason: 'no_consent' };
  return { allowed: true };
}

/** Providers that block a number themselves once it opted out through them. */
export function providerBlocksAfterOptOut(channel: string): boolean {
  return channel === 'sms-twilio';
}

const SHANGHAI_OFFSET_MS = 8 * 3600_000;
export const CAMPAIGN_HOURS = { from: 8, to: 21 } as const;

/**
 * Campaign SMS go out 08:00-21:00 Beijing time (no daylight saving in China). Returns `now`
 * when inside the window, else the next opening.
 */
export function nextCampaignSlot(now: Date): Date {
  const local = new Date(now.getTime() + SHANGHAI_OFFSET_MS);
  const hour = local.getUTCHours();
  if (hour >= CAMPAIGN_HOURS.from && hour < CAMPAIGN_HOURS.to) return now;
  const opening = new Date(local);
  opening.setUTCHours(CAMPAIGN_HOURS.from, 0, 0, 0);
  if (hour >= CAMPAIGN_HOURS.to) opening.setUTCDate(opening.getUTCDate() + 1);
  return new Date(opening.getTime() - SHANGHAI_OFFSET_MS);
}
