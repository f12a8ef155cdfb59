import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Converter } from 'opencc-js/t2cn';
import { DATA_DIR } from '../paths';

/**
 * Drivers from Hong Kong, Macao and Taiwan, and phones set to traditional characters, write
 * 駕駛證過期了怎麼辦 or 粵B12345. Everything downstream (the knowledge base, plates, commands such
 * as 退订) is in simplified characters, so such text is converted first (OpenCC's Taiwan standard
 * table). A message is converted only when it holds a character that simplified text never uses
 * (data/nlu/traditional-chars.json): the table would also rewrite a few simplified characters
 * standing alone (么 -> 幺), and simplified messages must reach us exactly as they were typed.
 */
const convert = Converter({ from: 'tw', to: 'cn' });

const traditional: ReadonlySet<string> = new Set(
  (JSON.parse(readFileSync(path.join(DATA_DIR, 'nlu', 'traditional-chars.json'), 'utf8')) as { chars: string }).chars,
);

/** Traditional Chinese to simplified; any other text comes back unchanged. */
export function toSimplifiedChinese(text: string): string {
  for (const ch of text) if (traditional.has(ch)) return convert(text);
  return text;
}
