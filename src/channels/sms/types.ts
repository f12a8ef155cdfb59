// Shared shapes of the SMS channels.
import type { OutboxDoc } from '../../storage/models/messaging';
import type { SendOutcome } from '../../services/messaging/outbox';

export const SMS_CHANNEL_IDS = ['sms-twilio', 'sms-aliyun'] as const;
export type SmsChannelId = (typeof SMS_CHANNEL_IDS)[number];

/** Hands one outbox message to a provider and says what happened. Never throws for provider errors. */
export interface SmsSender {
  send(message: OutboxDoc): Promise<SendOutcome>;
}
