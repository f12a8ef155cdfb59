// Consent and opt-out per phone number: one record per number, with its history as proof.
import type { Model } from 'mongoose';
import type { ConsentDoc, ConsentEvent } from '../models/messaging';
import { NO_RECORD, type ConsentState } from '../../services/messaging/consent';

const HISTORY_KEPT = 200;

export class ConsentRepository {
  constructor(private readonly model: Model<ConsentDoc>) {}

  async state(phone: string): Promise<ConsentState> {
    const doc = await this.model.findById(phone).lean<ConsentDoc>();
    if (!doc) return NO_RECORD;
    return { optedOut: doc.optedOut, blockedBy: doc.blockedBy ?? [], campaignConsent: doc.campaignConsent };
  }

  async record(phone: string): Promise<ConsentDoc | null> {
    return this.model.findById(phone).lean<ConsentDoc>();
  }

  /** Records an opt-out; `blocked` when the provider of that channel blocks the number itself. */
  async optOut(phone: string, channel: string, source: string, blocked: boolean): Promise<void> {
    const at = new Date();
    const event: ConsentEvent = { at, action: 'optOut', channel, source };
    await this.model.updateOne(
      { _id: phone },
      {
        $set: { optedOut: true, optedOutAt: at, updatedAt: at },
        $setOnInsert: { campaignConsent: false },
        ...(blocked ? { $addToSet: { blockedBy: channel } } : {}),
        $push: { history: { $each: [event], $slice: -HISTORY_KEPT } },
      },
      { upsert: true },
    );
  }

  async optIn(phone: string, channel: string, source: string): Promise<void> {
    const at = new Date();
    const event: ConsentEvent = { at, action: 'optIn', channel, source };
    await this.model.updateOne(
      { _id: phone },
      {
        $set: { optedOut: false, blockedBy: [], optedInAt: at, updatedAt: at },
        $setOnInsert: { campaignConsent: false },
        $push: { history: { $each: [event], $slice: -HISTORY_KEPT } },
      },
      { upsert: true },
    );
  }

  /** Campaign consent given or withdrawn (an audience import, an agent, a form). */
  async setCampaignConsent(phone: string, granted: boolean, source: string): Promise<void> {
    const at = new Date();
    const event: ConsentEvent = { at, action: granted ? 'consent' : 'withdraw', channel: 'any', source };
    await this.model.updateOne(
      { _id: phone },
      {
        $set: { campaignConsent: granted, updatedAt: at },
        $setOnInsert: { optedOut: false, blockedBy: [] },
        $push: { history: { $each: [event], $slice: -HISTORY_KEPT } },
      },
      { upsert: true },
    );
  }
}
