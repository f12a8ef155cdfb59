import type { Tokenizer } from './types';

/**
 * While the models are built, every knowledge-base text is normalised and tokenised by several of
 * them (BM25, both classifiers, the lexicon, the intent classifier): the results are kept until the
 * build is over, then dropped, so messages at run time are never cached.
 */
export class BuildCache {
  private readonly maps: Array<Map<string, unknown>> = [];
  private open = true;

  wrap<T>(fn: (text: string) => T): (text: string) => T {
    const map = new Map<string, T>();
    this.maps.push(map as Map<string, unknown>);
    return (text) => {
      if (!this.open) return fn(text);
      let hit = map.get(text);
      if (hit === undefined) {
        hit = fn(text);
        map.set(text, hit);
      }
      return hit;
    };
  }

  /** Whether the models are still being built. */
  get building(): boolean {
    return this.open;
  }

  close(): void {
    this.open = false;
    for (const map of this.maps) map.clear();
  }
}

export function cachedTokenizer(tokenizer: Tokenizer, cache: BuildCache): Tokenizer {
  return { name: tokenizer.name, tokenize: cache.wrap((text) => tokenizer.tokenize(text)) };
}
