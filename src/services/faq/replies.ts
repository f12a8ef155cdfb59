// Recognises the short replies a driver gives after an answer: feedback and "tell me more".
import vocabulary from '../../../data/commands.json';
import { commandForm } from '../conversation/text';

const set = (words: string[]) => new Set(words.map((w) => w.toLowerCase()));
const HELPFUL = set(vocabulary.faq.helpful);
const NOT_HELPFUL = set(vocabulary.faq.notHelpful);
const MORE = set(vocabulary.faq.more);

export type AfterAnswer = 'helpful' | 'notHelpful' | 'more';

export function recogniseAfterAnswer(text: string): AfterAnswer | undefined {
  const w = commandForm(text);
  if (HELPFUL.has(w)) return 'helpful';
  if (NOT_HELPFUL.has(w)) return 'notHelpful';
  if (MORE.has(w)) return 'more';
  return undefined;
}
