import { Converter } from 'opencc-js/t2cn';

/**
 * Drivers from Hong Kong, Macao and Taiwan, and phones set to traditional characters, write
 * 駕駛證過期了怎麼辦 or 粵B12345. Everything downstream (the knowledge base, plates, commands such
 * as 退订) is in simplified characters, so incoming text is converted first (OpenCC's Taiwan
 * standard table; simplified text and ASCII pass through unchanged).
 */
const convert = Converter({ from: 'tw', to: 'cn' });

const HAN = /\p{Script=Han}/u;

/** Traditional Chinese characters to simplified (text without any Chinese skips the converter). */
export function toSimplifiedChinese(text: string): string {
  return HAN.test(text) ? convert(text) : text;
}
