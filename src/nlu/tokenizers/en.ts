import { PorterStemmer } from 'natural/lib/natural/stemmers';
import type { Normalizer } from '../synonyms';
import type { Tokenizer } from '../types';

export interface EnTokenizerOptions {
  keepStops?: boolean;
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
        tokens.push(/^\d+$/.test(word) ? word : PorterStemmer.stem(word));
      }
      return tokens;
    },
  };
}
