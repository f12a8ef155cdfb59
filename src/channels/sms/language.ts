// A hint of the language an SMS is written in, so a driver who texts in English is answered in
// English without saying "English" first. Short or ambiguous texts ("2", "T", "ok") give none,
// and an explicit choice (English / 中文) always wins in the bot.
import type { Locale } from '../../config';

export function languageHint(text: string): Locale | undefined {
  if (/\p{Script=Han}/u.test(text)) return 'zh-CN';
  const words = text.match(/[A-Za-z]{2,}/g) ?? [];
  return words.length >= 2 ? 'en' : undefined;
}
