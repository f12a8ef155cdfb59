import type { Model } from 'mongoose';
import type { FaqStore } from '../../services/faq/FaqService';
import type { FaqFeedbackDoc, UnansweredDoc } from '../models/faq';

export function mongoFaqStore(models: { FaqFeedback: Model<FaqFeedbackDoc>; FaqUnanswered: Model<UnansweredDoc> }): FaqStore {
  return {
    async recordFeedback(f) {
      await models.FaqFeedback.create({ ...f, at: new Date() });
    },
    async recordUnanswered(q) {
      const now = new Date();
      const key = q.text.trim().toLowerCase().replace(/\s+/g, ' ').replace(/[?？!！。.]+$/u, '');
      await models.FaqUnanswered.updateOne(
        { locale: q.locale, key },
        {
          $inc: { count: 1 },
          $set: { lastAt: now, reason: q.reason, text: q.text },
          $addToSet: { channels: q.channel },
          $setOnInsert: { firstAt: now },
        },
        { upsert: true },
      );
    },
  };
}
