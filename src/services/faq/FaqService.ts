// Answering drivers' questions from the knowledge base: decides between answering, asking
// "did you mean 1/2/3", handing over to another feature, or admitting it does not know, and
// keeps what the team needs to improve the knowledge base (unanswered questions, feedback).
import type { FaqEntry, FaqKnowledgeBase, Locale } from '../../knowledge/faq';
import type { Nlu, Understanding } from '../../nlu';
import { redactText } from '../privacy/mask';

export type FaqReply =
  | { kind: 'answer'; entry: FaqEntry; followUps: FaqEntry[] }
  | { kind: 'clarify'; entries: FaqEntry[] }
  | { kind: 'route'; understanding: Understanding }
  | { kind: 'unknown' };

export interface FaqFeedback {
  entryId: string;
  locale: Locale;
  helpful: boolean;
  question?: string;
  channel: string;
}

export interface UnansweredQuestion {
  text: string;
  locale: Locale;
  reason: 'none' | 'out_of_scope';
  channel: string;
}

/** Where feedback and unanswered questions are kept (MongoDB in production). */
export interface FaqStore {
  recordFeedback(f: FaqFeedback): Promise<void>;
  recordUnanswered(q: UnansweredQuestion): Promise<void>;
}

const ROUTED = new Set(['violation_lookup', 'points_lookup', 'service', 'handoff']);

export class FaqService {
  constructor(
    private readonly kb: FaqKnowledgeBase,
    private readonly nlu: Nlu,
    private readonly store: FaqStore,
  ) {}

  understand(text: string, locale: Locale): Understanding {
    return this.nlu.understand(text, locale);
  }

  entry(locale: Locale, id: string): FaqEntry | undefined {
    return this.kb.get(locale, id);
  }

  /** What to do with a question asked inside the FAQ conversation. */
  /** `understood` is the router's reading of the same text, when it already made one. */
  reply(text: string, locale: Locale, understood?: Understanding): FaqReply {
    const u = understood ?? this.nlu.understand(text, locale);
    if (ROUTED.has(u.intent)) return { kind: 'route', understanding: u };
    if (u.intent === 'faq' && u.faq.band === 'answer') {
      const entry = this.kb.get(locale, u.faq.candidates[0].id);
      if (entry) return this.answer(locale, entry);
    }
    if (u.intent === 'faq' && u.faq.band === 'clarify') {
      const entries = u.faq.candidates
        .slice(0, 3)
        .map((c) => this.kb.get(locale, c.id))
        .filter((e): e is FaqEntry => e !== undefined);
      if (entries.length > 1) return { kind: 'clarify', entries };
      if (entries.length === 1) return this.answer(locale, entries[0]);
    }
    return { kind: 'unknown' };
  }

  answer(locale: Locale, entry: FaqEntry): FaqReply & { kind: 'answer' } {
    const followUps = (entry.followUps ?? [])
      .map((id) => this.kb.get(locale, id))
      .filter((e): e is FaqEntry => e !== undefined)
      .slice(0, 3);
    return { kind: 'answer', entry, followUps };
  }

  async unanswered(text: string, locale: Locale, reason: UnansweredQuestion['reason'], channel: string): Promise<void> {
    const clean = redactText(text).slice(0, 500);
    if (clean.trim()) await this.store.recordUnanswered({ text: clean, locale, reason, channel });
  }

  async feedback(entryId: string, locale: Locale, helpful: boolean, channel: string, question?: string): Promise<void> {
    await this.store.recordFeedback({
      entryId,
      locale,
      helpful,
      channel,
      question: question ? redactText(question).slice(0, 500) : undefined,
    });
  }
}
