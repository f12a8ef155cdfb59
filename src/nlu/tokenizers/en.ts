import { PorterStemmer } from 'natural/lib/natural/stemmers';
import type { Normalizer } from '../synonyms';
import type { Tokenizer } from '../types';

export interface EnTokenizerOptions {
  keepStops?: boolean;
}

/** Words whose stems are remembered: the knowledge base's vocabulary fits many times over. */
const STEM_CACHE_MAX = 50_000;
const stems = new Map<string, string>();

/**
 * Porter stemming costs about a microsecond a word and the knowledge base has some 150,000 words
 * to index at start, most of them repeats: stems are remembered (up to STEM_CACHE_MAX words, so
 * messages cannot grow the cache without bound).
 */
function stem(word: string): string {
  let s = stems.get(word);
  if (s === undefined) {
    s = PorterStemmer.stem(word);
    if (stems.size < STEM_CACHE_MAX) stems.set(word, s);
  }
  return s;
}

/** Lower-case words, synonyms applied first, stop words dropped, Porter-stemmed. */
export function createEnTokenizer(normalizer: Normalizer, options: EnTokenizerOptions = {}): Tokenizer {
  const stops = options.keepStops ? new Set<string>() : normalizer.stopwords;
  return {
    name: 'en-porter',
    tokenize(text) {
      const tokens: string[] = [];
      for (const word of normalizer.normalize(text).match(/[a-z0-9]+/g) ?? []) {
        if (stops.has(word)) continue;
        if (word === 's' || word === 't') continue; // the tails of driver's / don't
        tokens.push(/^\d+$/.test(word) ? word : stem(word));
      }
      return tokens;
    },
  };
}
