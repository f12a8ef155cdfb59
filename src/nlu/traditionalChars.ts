import { Converter as fromTraditional } from 'opencc-js/t2cn';
import { Converter as fromSimplified } from 'opencc-js/cn2t';

/**
 * The characters that only traditional text uses: OpenCC's Taiwan table changes them (駕 -> 驾)
 * and its simplified -> traditional table leaves them alone (they are not simplified characters).
 * Characters both scripts write the same way (我, 车) are not in it, nor are the 36 simplified
 * characters the traditional table also rewrites on their own (么 -> 幺, 里, 才, 众...): a simplified
 * message holding them must stay as it is.
 *
 * Used by `npm run gen:traditional` to write data/nlu/traditional-chars.json (read at start, so
 * the app need not load the second table) and by the test that keeps that file in step with OpenCC.
 */
export function traditionalOnlyChars(): string {
  const toSimplified = fromTraditional({ from: 'tw', to: 'cn' });
  const toTraditional = fromSimplified({ from: 'cn', to: 'tw' });
  let out = '';
  const ranges: Array<[number, number]> = [[0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xf900, 0xfaff]];
  for (const [from, to] of ranges) {
    for (let cp = from; cp <= to; cp++) {
      const ch = String.fromCodePoint(cp);
      if (toSimplified(ch) !== ch && toTraditional(ch) === ch) out += ch;
    }
  }
  return out;
}
