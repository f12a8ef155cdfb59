// Recognises which numbered choice a person meant: "2", "２", "2号", "选2", "第二个", "二",
// "the second one", "最后一个", or words of the choice inside a sentence ("我要查违法").
// Chinese sentences are not split on spaces, so words are matched as substrings; a message
// that matches the words of two choices equally is ambiguous and recognises nothing.
import { commandForm } from './text';

export interface ChoiceSpec {
  id: string;
  /** Words that select this choice: its title and its synonyms, in any locale. */
  words: string[];
}

const CN_DIGITS: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };
const EN_ORDINALS: Record<string, number> = {
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10,
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  '1st': 1, '2nd': 2, '3rd': 3, '4th': 4, '5th': 5, '6th': 6, '7th': 7, '8th': 8, '9th': 9, '10th': 10,
};

function chineseNumber(s: string): number | undefined {
  if (s === '十') return 10;
  if (s.length === 1) return CN_DIGITS[s];
  if (s.length === 2 && s[0] === '十') return 10 + (CN_DIGITS[s[1]] ?? NaN);
  return undefined;
}

/** The 1-based position a message names, if it is only a position. */
export function recognisePosition(text: string, count: number): number | undefined {
  const w = commandForm(text);
  if (/^(最后一个|最后一项|最后那个|最后|the last one|last one|last)$/.test(w)) return count;
  let m = /^(?:选|选择|回复|option|number|no\.?|#)?\s*(\d{1,2})\s*(?:号|个|项|\.|\))?$/.exec(w);
  if (m) return Number(m[1]);
  m = /^(?:选|选择)?\s*第?([一二两三四五六七八九十]{1,2})(?:个|项|号|条)?$/.exec(w);
  if (m) return chineseNumber(m[1]);
  m = /^(?:第)(\d{1,2})(?:个|项|号|条)?$/.exec(w);
  if (m) return Number(m[1]);
  m = /^(?:the\s+)?(\w+)(?:\s+(?:one|option|choice))?$/.exec(w);
  if (m && EN_ORDINALS[m[1]] !== undefined) return EN_ORDINALS[m[1]];
  return undefined;
}

/** Returns the index (0-based) of the recognised choice, or undefined. */
export function recogniseChoice(text: string, choices: ChoiceSpec[]): number | undefined {
  const position = recognisePosition(text, choices.length);
  if (position !== undefined) return position >= 1 && position <= choices.length ? position - 1 : undefined;
  const w = commandForm(text);
  if (!w) return undefined;
  let best: { index: number; length: number } | undefined;
  let tie = false;
  choices.forEach((choice, index) => {
    for (const word of choice.words) {
      const needle = word.toLowerCase();
      if (!needle || !containsWord(w, needle)) continue;
      if (!best || needle.length > best.length) {
        tie = false;
        best = { index, length: needle.length };
      } else if (needle.length === best.length && best.index !== index) {
        tie = true;
      }
    }
  });
  return best && !tie ? best.index : undefined;
}

function containsWord(haystack: string, needle: string): boolean {
  // Latin words must stand alone ("menu" is not inside "menus"); Chinese words need no spaces.
  if (/^[\x20-\x7e]+$/.test(needle)) {
    const escaped = needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(`(^|[^a-z0-9])${escaped}($|[^a-z0-9])`).test(haystack);
  }
  return haystack.includes(needle);
}

/** True when the text mentions one of the words (Latin words must stand alone, Chinese need not). */
export function mentionsAny(text: string, words: readonly string[]): boolean {
  const w = commandForm(text);
  return words.some((word) => word !== '' && containsWord(w, word.toLowerCase()));
}
