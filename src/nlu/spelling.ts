/**
 * English typing slips (licnese, regsitration, inspecton, fien): a word that is in no English word
 * list and that the knowledge base never uses, one edit (a letter dropped, added, changed or two
 * swapped) away from a word the knowledge base uses often, is taken to be that word. Real words
 * are never changed, whatever they look like ("find" stays, "shirt" does not become "short"):
 * every word of a general English word list (an-array-of-english-words), of the knowledge base, of
 * the everyday examples and of the synonym table is known. Words under four letters are left alone.
 */
export interface SpellingOptions {
  /** Shortest word that is corrected. */
  minLength?: number;
  /** Fewest knowledge-base texts a word must occur in to be a correction. */
  minCount?: number;
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const WORD = /[a-z]+/g;

let dictionary: ReadonlySet<string> | undefined;

/** The words of a general English word list (about 275,000; read once, ~0.1 s). */
export function englishWords(): ReadonlySet<string> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  dictionary ??= new Set(require('an-array-of-english-words') as string[]);
  return dictionary;
}

export class SpellingCorrector {
  private readonly known = new Set<string>();
  private readonly counts = new Map<string, number>();
  private readonly dictionary: () => ReadonlySet<string>;
  private readonly minLength: number;
  private readonly minCount: number;

  /**
   * @param texts the knowledge base's texts, cleaned as messages are (their words are the corrections)
   * @param otherTexts further texts whose words are real (everyday examples, synonyms)
   * @param dictionary real words (a general word list); asked for only when a word is unknown to
   * the knowledge base, so the list is read at the first such message, not while the models build
   */
  constructor(texts: Iterable<string>, otherTexts: Iterable<string>, dictionary: () => ReadonlySet<string>, options: SpellingOptions = {}) {
    this.dictionary = dictionary;
    this.minLength = options.minLength ?? 4;
    this.minCount = options.minCount ?? 3;
    for (const text of texts) {
      for (const word of new Set(text.match(WORD) ?? [])) {
        this.known.add(word);
        this.counts.set(word, (this.counts.get(word) ?? 0) + 1);
      }
    }
    for (const text of otherTexts) for (const word of text.match(WORD) ?? []) this.known.add(word);
  }

  /** The most frequent knowledge-base word one edit away, if it is frequent enough (ties: alphabetical). */
  private suggestion(word: string): string | undefined {
    let best: string | undefined;
    let bestCount = this.minCount - 1;
    const consider = (candidate: string): void => {
      const n = this.counts.get(candidate) ?? 0;
      if (n > bestCount || (n === bestCount && best !== undefined && candidate < best)) {
        best = candidate;
        bestCount = n;
      }
    };
    for (let i = 0; i <= word.length; i++) {
      const head = word.slice(0, i);
      const tail = word.slice(i);
      if (tail) consider(head + tail.slice(1));
      if (tail.length > 1) consider(head + tail[1]! + tail[0]! + tail.slice(2));
      for (const c of LETTERS) {
        if (tail) consider(head + c + tail.slice(1));
        consider(head + c + tail);
      }
    }
    return best;
  }

  /** The text with each unknown word replaced by its correction, when there is one. */
  correct(text: string): string {
    return text.replace(WORD, (word) =>
      word.length < this.minLength || this.known.has(word) || this.dictionary().has(word) ? word : (this.suggestion(word) ?? word),
    );
  }
}
