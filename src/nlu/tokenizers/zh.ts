import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';
import type { Normalizer } from '../synonyms';
import type { Tokenizer } from '../types';

export type ZhTokenizerKind = 'char' | 'jieba' | 'jieba+char';

const HAN = /\p{Script=Han}/u;
/** Runs of Han characters, or of ASCII letters/digits (12123, c1, a2). */
const RUNS = /\p{Script=Han}+|[a-z0-9]+/gu;

export interface ZhTokenizerOptions {
  /** Keep stop words (the intent classifier wants 我要/帮我; retrieval does not). */
  keepStops?: boolean;
}

/**
 * Multi-character stop words (请问, 一下) are cut out of the text, leaving a space so no bigram
 * bridges the gap; single characters (的, 吗) only lose their unigram, since they also occur
 * inside meaningful words.
 */
interface Stops {
  phrases: string[];
  chars: ReadonlySet<string>;
}

function splitStops(normalizer: Normalizer, keep: boolean | undefined): Stops {
  if (keep) return { phrases: [], chars: new Set() };
  const all = [...normalizer.stopwords];
  return {
    phrases: all.filter((s) => s.length > 1).sort((a, b) => b.length - a.length),
    chars: new Set(all.filter((s) => s.length === 1)),
  };
}

function stripPhrases(text: string, phrases: readonly string[]): string {
  let out = text;
  for (const stop of phrases) if (out.includes(stop)) out = out.split(stop).join(' ');
  return out;
}

/** Character unigrams and bigrams of each Han run; ASCII runs stay whole. */
export function charGrams(text: string, dropUnigrams: ReadonlySet<string> = new Set()): string[] {
  const tokens: string[] = [];
  for (const run of text.match(RUNS) ?? []) {
    if (!HAN.test(run[0]!)) {
      tokens.push(run);
      continue;
    }
    const chars = [...run];
    for (let i = 0; i < chars.length; i++) {
      if (!dropUnigrams.has(chars[i]!)) tokens.push(chars[i]!);
      if (i + 1 < chars.length) tokens.push(chars[i]! + chars[i + 1]!);
    }
  }
  return tokens;
}

export function createZhCharTokenizer(normalizer: Normalizer, options: ZhTokenizerOptions = {}): Tokenizer {
  const stops = splitStops(normalizer, options.keepStops);
  return {
    name: 'zh-char',
    tokenize: (text) => charGrams(stripPhrases(normalizer.normalize(text), stops.phrases), stops.chars),
  };
}

let shared: Jieba | undefined;
let sharedDictFile: string | undefined;

/** One jieba instance per process (150-180 ms and ~50 MB to build), with the domain words added. */
export function domainJieba(dictFile: string): Jieba {
  if (shared && sharedDictFile === dictFile) return shared;
  const jieba = Jieba.withDict(dict);
  jieba.loadDict(readFileSync(dictFile));
  shared = jieba;
  sharedDictFile = dictFile;
  return jieba;
}

function jiebaWords(jieba: Jieba, text: string, stops: ReadonlySet<string>): string[] {
  const words: string[] = [];
  for (const word of jieba.cut(text, true)) {
    const w = word.trim();
    if (w.length === 0 || stops.has(w)) continue;
    if (!/^[\p{Script=Han}a-z0-9]+$/u.test(w)) continue;
    words.push(w);
  }
  return words;
}

export function createZhJiebaTokenizer(
  normalizer: Normalizer,
  dictFile: string,
  withChars: boolean,
  options: ZhTokenizerOptions = {},
): Tokenizer {
  const jieba = domainJieba(dictFile);
  const stopSet = options.keepStops ? new Set<string>() : normalizer.stopwords;
  const stops = splitStops(normalizer, options.keepStops);
  return {
    name: withChars ? 'zh-jieba+char' : 'zh-jieba',
    tokenize(text) {
      const clean = normalizer.normalize(text);
      const words = jiebaWords(jieba, clean, stopSet);
      if (!withChars) return words;
      return [...words.map((w) => `w:${w}`), ...charGrams(stripPhrases(clean, stops.phrases), stops.chars)];
    },
  };
}

export function createZhTokenizer(
  kind: ZhTokenizerKind,
  normalizer: Normalizer,
  nluDir: string,
  options: ZhTokenizerOptions = {},
): Tokenizer {
  if (kind === 'char') return createZhCharTokenizer(normalizer, options);
  return createZhJiebaTokenizer(normalizer, path.join(nluDir, 'jieba.dict.txt'), kind === 'jieba+char', options);
}

/**
 * Dictionary words of a cleaned text, in order, every character kept; unknown characters stay single
 * (no HMM guessing). jieba's dictionaries are read at the first cut.
 */
export function createZhSegmenter(dictFile: string): (text: string) => string[] {
  let jieba: Jieba | undefined;
  return (text) => (jieba ??= domainJieba(dictFile)).cut(text, false);
}
