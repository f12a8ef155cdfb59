// What drivers thought of the answers, and the questions the assistant could not answer.
import { Schema, type Connection } from 'mongoose';

export interface FaqFeedbackDoc {
  entryId: string;
  locale: string;
  helpful: boolean;
  question?: string;
  channel: string;
  at: Date;
}

export interface UnansweredDoc {
  /** The question with personal data masked, lower-cased and trimmed: the grouping key. */
  key: string;
  text: string;
  locale: string;
  reason: string;
  channels: string[];
  count: number;
  firstAt: Date;
  lastAt: Date;
}

const feedbackSchema = new Schema<FaqFeedbackDoc>(
  {
    entryId: { type: String, required: true },
    locale: { type: String, required: true },
    helpful: { type: Boolean, required: true },
    question: { type: String },
    channel: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'faq_feedback', versionKey: false },
);
feedbackSchema.index({ entryId: 1, helpful: 1 });

const unansweredSchema = new Schema<UnansweredDoc>(
  {
    key: { type: String, required: true },
    text: { type: String, required: true },
    locale: { type: String, required: true },
    reason: { type: String, required: true },
    channels: { type: [String], default: [] },
    count: { type: Number, required: true },
    firstAt: { type: Date, required: true },
    lastAt: { type: Date, required: true },
  },
  { collection: 'faq_unanswered', versionKey: false },
);
unansweredSchema.index({ locale: 1, key: 1 }, { unique: true });
unansweredSchema.index({ count: -1 });

export function defineFaqModels(conn: Connection) {
  return {
    FaqFeedback: conn.model<FaqFeedbackDoc>('FaqFeedback', feedbackSchema),
    FaqUnanswered: conn.model<UnansweredDoc>('FaqUnanswered', unansweredSchema),
  };
}
