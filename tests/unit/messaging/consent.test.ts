import { decideSend, nextCampaignSlot, NO_RECORD, type ConsentState } from '../../../src/services/messaging/consent';

const optedOutViaAliyun: ConsentState = { optedOut: true, blockedBy: [], campaignConsent: true };
const optedOutViaTwilio: ConsentState = { optedOut: true, blockedBy: ['sms-twilio'], campaignConsent: true };

describe('consent rules', () => {
  it('lets every kind through for a number that never opted out, except campaigns without consent', () => {
    for (const kind of ['reply', 'proactive', 'notice', 'reminder', 'agent'] as const) {
      expect(decideSend(kind, 'sms-aliyun', NO_RECORD)).toEqual({ allowed: true });
    }
    expect(decideSend('campaign', 'sms-aliyun', NO_RECORD)).toEqual({ allowed: false, reason: 'no_consent' });
    expect(decideSend('campaign', 'sms-aliyun', { ...NO_RECORD, campaignConsent: true })).toEqual({ allowed: true });
  });

  it('after an opt-out refuses every unsolicited message on every channel', () => {
    for (const kind of ['proactive', 'notice', 'reminder', 'agent', 'campaign'] as const) {
      expect(decideSend(kind, 'sms-aliyun', optedOutViaAliyun)).toEqual({ allowed: false, reason: 'opted_out' });
      expect(decideSend(kind, 'sms-twilio', optedOutViaAliyun)).toEqual({ allowed: false, reason: 'opted_out' });
    }
  });

  it('still answers a question after an opt-out where the provider allows it, not where it blocks the number', () => {
    expect(decideSend('reply', 'sms-aliyun', optedOutViaAliyun)).toEqual({ allowed: true });
    expect(decideSend('reply', 'sms-aliyun', optedOutViaTwilio)).toEqual({ allowed: true });
    expect(decideSend('reply', 'sms-twilio', optedOutViaTwilio)).toEqual({ allowed: false, reason: 'provider_blocked' });
  });

  it('keeps campaigns within 08:00-21:00 Beijing time', () => {
    const inside = new Date('2026-11-20T03:00:00Z'); // 11:00 in Beijing
    expect(nextCampaignSlot(inside)).toBe(inside);
    expect(nextCampaignSlot(new Date('2026-11-20T13:30:00Z')).toISOString()).toBe('2026-11-21T00:00:00.000Z'); // 21:30 -> 08:00 next day
    expect(nextCampaignSlot(new Date('2026-11-19T22:00:00Z')).toISOString()).toBe('2026-11-20T00:00:00.000Z'); // 06:00 -> 08:00
  });
});
