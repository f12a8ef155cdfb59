import { z } from 'zod';
import { basicClean } from './synonyms';

/**
 * Cues that decide whether a message asks the assistant to DO something (look up my violations,
 * book an inspection) or asks a question about the rules that an FAQ answers. The intent
 * classifier sees words ("违章", "points"), not the speech act, so "违章没处理会不会每天涨钱"
 * and "帮我查违章" look alike to it; these patterns look at the speech act.
 * - strong: an explicit request or a lookup of the sender's own records; routes even when the
 *   message is phrased as a question ("能帮我查下违章吗", "can you check my points");
 * - weak: first-person or imperative wording that routes only when no question cue is present;
 * - question: how/what/why/whether/can-I wording about rules;
 * - notHandoff: asking ABOUT a phone line or a person, not asking to be transferred.
 */
export const gateSchema = z.object({
  strong: z.array(z.string().min(1)).default([]),
  weak: z.array(z.string().min(1)).default([]),
  question: z.array(z.string().min(1)).default([]),
  notHandoff: z.array(z.string().min(1)).default([]),
});
export type GateCues = z.infer<typeof gateSchema>;

export interface GateSignals {
  strong: boolean;
  weak: boolean;
  question: boolean;
  notHandoff: boolean;
}

export class IntentGate {
  private readonly patterns: Record<keyof GateCues, RegExp[]>;

  constructor(cues: GateCues) {
    const compile = (list: readonly string[]): RegExp[] => list.map((p) => new RegExp(p, 'u'));
    this.patterns = {
      strong: compile(cues.strong),
      weak: compile(cues.weak),
      question: compile(cues.question),
      notHandoff: compile(cues.notHandoff),
    };
  }

  signals(text: string): GateSignals {
    const clean = basicClean(text);
    const any = (list: readonly RegExp[]): boolean => list.some((p) => p.test(clean));
    return {
      strong: any(this.patterns.strong),
      weak: any(this.patterns.weak),
      question: any(this.patterns.question),
      notHandoff: any(this.patterns.notHandoff),
    };
  }

  /**
   * May a message go to an action intent instead of the FAQ? Yes with a strong cue or a plate
   * number; with a weak cue only when it is not a question about rules; without any cue only
   * when no FAQ entry matches (then a bare "查违章"-like fragment is still served).
   */
  static allowsAction(s: GateSignals, hasPlate: boolean, faqMatched: boolean): boolean {
    if (s.strong || hasPlate) return true;
    if (s.question) return !faqMatched && s.weak;
    return s.weak || !faqMatched;
  }
}
