import { pinyin } from 'pinyin-pro';

/**
 * Pinyin input slips: a driver typing "jia zhao" on a phone (or T9 on a feature phone) picks the
 * wrong candidate and sends 驾找, 年减 or 违张. Character n-grams then lose the very word the question
 * hinges on. The corrector puts the domain word back.
 *
 * Both the knowledge base and the message are cut into words by a dictionary segmenter (jieba,
 * without guessing unknown words). Domain words are two-character words that the knowledge base
 * uses in at least `minCount` texts, that no out-of-scope example uses, and that hold no function
 * character: 驾照, 年检, 违章, 罚款 qualify; 可以 never does. A slip shows as two characters that the
 * segmenter could only leave as single characters (驾/找), neither a function character (是, 会,
 * 的), that together sound exactly like a domain word (same syllables, tones ignored). Characters
 * that belong to a real word (证 in 驾驶证是, 学 in 靠学习) are never touched, and neither is a pair
 * holding a function character (上牌会是 stays). When two domain words share a sound, the more
 * frequent wins.
 *
 * Finding the domain words takes jieba's full dictionary and a pass over the knowledge base (about
 * 0.2 s): it is done at the first message that has a pair of characters the knowledge base never
 * writes (every other message is returned as it is), or earlier by prepare(); start-up does not
 * wait for it.
 */
export interface HomophoneOptions {
  /** Splits a cleaned text into words, unknown characters left single. */
  segment: (text: string) => string[];
  /** Fewest knowledge-base texts a word must occur in to be restored. */
  minCount?: number;
  /** Function characters (的, 了, 吗, 是...). */
  generalChars?: Iterable<string>;
}

const ONE_HAN = /^\p{Script=Han}$/u;
const TWO_HAN = /^\p{Script=Han}{2}$/u;

/** Toneless syllables of two characters read together (行 in 行驶 is xing). */
function sound(pair: string): string {
  return pinyin(pair, { type: 'array', toneType: 'none' }).join(' ');
}

export class HomophoneCorrector {
  /** The domain words by sound, found at the first need (see prepare). */
  private soundIndex?: Map<string, { word: string; count: number }>;
  /** Every pair of adjacent characters the knowledge base writes (卖车, 没过): never a slip. */
  private readonly written = new Set<string>();
  private readonly segment: (text: string) => string[];
  private readonly general: ReadonlySet<string>;
  private readonly texts: readonly string[];
  private readonly outOfScope: readonly string[];
  private readonly minCount: number;

  /**
   * @param texts the knowledge base's questions, alternates and answers, cleaned as messages are
   * @param outOfScope everyday messages (their words are never restored)
   */
  constructor(texts: Iterable<string>, outOfScope: Iterable<string>, options: HomophoneOptions) {
    this.segment = options.segment;
    this.general = new Set(options.generalChars ?? []);
    this.minCount = options.minCount ?? 3;
    this.texts = [...texts];
    this.outOfScope = [...outOfScope];
    for (const text of this.texts) {
      const chars = [...text];
      for (let i = 0; i + 1 < chars.length; i++) this.written.add(chars[i]! + chars[i + 1]!);
    }
  }

  /** Finds the domain words and their sounds now rather than at the first message that needs them. */
  prepare(): void {
    this.bySound();
  }

  private bySound(): Map<string, { word: string; count: number }> {
    if (this.soundIndex) return this.soundIndex;
    const index = new Map<string, { word: string; count: number }>();
    const counts = new Map<string, number>();
    for (const text of this.texts) {
      for (const word of new Set(this.segment(text))) if (TWO_HAN.test(word)) counts.set(word, (counts.get(word) ?? 0) + 1);
    }
    const everyday = new Set<string>();
    for (const text of this.outOfScope) for (const word of this.segment(text)) everyday.add(word);
    for (const [word, count] of counts) {
      const [x, y] = [...word];
      if (count < this.minCount || everyday.has(word) || x === y || this.general.has(x!) || this.general.has(y!)) continue;
      const key = sound(word);
      const best = index.get(key);
      if (!best || count > best.count) index.set(key, { word, count });
    }
    this.soundIndex = index;
    return index;
  }

  /** Whether two adjacent Chinese characters of the text never stand side by side in the knowledge base (a slip needs one). */
  private hasUnwrittenPair(text: string): boolean {
    let prev = '';
    for (const ch of text) {
      if (ONE_HAN.test(ch)) {
        if (prev && !this.written.has(prev + ch)) return true;
        prev = ch;
      } else prev = '';
    }
    return false;
  }

  /** Number of domain words that can be restored. */
  get size(): number {
    return this.bySound().size;
  }

  /** The message with slipped pairs replaced by the domain word they sound like. */
  correct(text: string): string {
    if (!this.hasUnwrittenPair(text)) return text;
    const bySound = this.bySound();
    const words = this.segment(text);
    let changed = false;
    for (let i = 0; i + 1 < words.length; i++) {
      const [a, b] = [words[i]!, words[i + 1]!];
      if (!ONE_HAN.test(a) || !ONE_HAN.test(b) || this.general.has(a) || this.general.has(b) || this.written.has(a + b)) continue;
      const fix = bySound.get(sound(a + b));
      if (!fix || fix.word === a + b) continue;
      words[i] = fix.word;
      words[i + 1] = '';
      changed = true;
      i++;
    }
    return changed ? words.join('') : text;
  }
}
