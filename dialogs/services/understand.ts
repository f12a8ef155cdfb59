// How the service dialogs read free text that is not a direct answer: which service it names
// (or a short list to choose from), "I don't know", a thank-you, or a new question that
// belongs to another part of the assistant.
import type { ServiceCatalogue } from '../../src/knowledge/services';
import type { Locale } from '../../src/knowledge/faq';
import { enTerms, normaliseZh, recogniseService } from '../../src/services/catalogue';
import { commandForm } from '../../src/services/conversation/text';
import { mentionsAny } from '../../src/services/conversation/choices';
import dialogWords from '../../data/service-dialog-words.json';

export type ServiceDecision = { kind: 'start'; id: string } | { kind: 'clarify'; ids: string[] } | { kind: 'none' };

/** Below this, nothing was recognised. Chosen on the catalogue's example phrasings. */
const MIN_SCORE = 0.12;
/** When the runner-up is this close to the best, the driver is asked to choose. */
const CLOSE_RATIO = 0.9;
/** Mid-walkthrough a message switches service only when it is this clear. */
const SWITCH_SCORE = 0.3;
const SWITCH_RATIO = 0.8;

const HAN = /\p{Script=Han}/u;
/** Words that say nothing about which service: "驾照" alone means the licence menu. */
const ZH_GENERIC = /驾驶证|驾驶人|机动车|车辆|汽车|业务|办理|服务|相关|问题|咨询|我要|我想|想要|需要|怎么|如何|请问|一下|的|了|吗|呢|我|办|要|想|个/g;
const EN_GENERIC = new Set(['licenc', 'driver', 'drive', 'vehicl', 'car', 'servic', 'need', 'want', 'appli', 'do', 'get']);

/** The language a message is written in (drivers mix them). */
export function scriptLocale(text: string, fallback: Locale): Locale {
  if (HAN.test(text)) return 'zh-CN';
  return /[a-z]/i.test(text) ? 'en' : fallback;
}

function isGeneric(text: string, locale: Locale): boolean {
  if (locale === 'zh-CN') return [...normaliseZh(text).replace(ZH_GENERIC, '')].filter((c) => HAN.test(c)).length < 2;
  return enTerms(text).every((t) => EN_GENERIC.has(t));
}

/**
 * Which service a message asks for. `strict` is for messages that interrupt a walkthrough: only
 * a clear, specific match counts, so that an unreadable answer is not taken for a new request.
 */
export function decideService(catalogue: ServiceCatalogue, text: string, fallback: Locale, opts: { strict?: boolean } = {}): ServiceDecision {
  const locale = scriptLocale(text, fallback);
  if (isGeneric(text, locale)) return { kind: 'none' };
  const [top, ...rest] = recogniseService(catalogue, text, locale);
  if (!top || top.score < (opts.strict ? SWITCH_SCORE : MIN_SCORE)) return { kind: 'none' };
  const ratio = opts.strict ? SWITCH_RATIO : CLOSE_RATIO;
  const close = rest.filter((m) => m.score > top.score * ratio);
  if (close.length === 0) return { kind: 'start', id: top.id };
  if (opts.strict) return { kind: 'none' };
  return { kind: 'clarify', ids: [top.id, ...close.slice(0, 2).map((m) => m.id)] };
}

export function isDontKnow(text: string): boolean {
  return mentionsAny(text, dialogWords.dontKnow);
}

const ACK = new Set(dialogWords.acknowledgements);
export function isAcknowledgement(text: string): boolean {
  return ACK.has(commandForm(text).replace(/[!！~～]+$/u, ''));
}

const QUESTION_ZH = /[?？]|怎么|怎样|如何|为什么|为啥|什么|哪里|哪儿|哪个|多少|能不能|可不可以|是不是|有没有|吗$|呢$|违章|违法|罚款|罚单|扣分|记分|人工|客服/;
const QUESTION_EN = /\?|^(how|what|where|when|why|which|who|can|could|do|does|is|are|should|will)\b|\b(fines?|tickets?|violations?|points|agent|human)\b/i;

/**
 * A message that is a new question or request rather than an answer: a question word, a word of
 * another feature, or a long sentence. Digits make it an attempted answer (a date, a number).
 */
export function looksLikeRequest(text: string): boolean {
  const t = commandForm(text);
  if (/\d/.test(t)) return false;
  if (QUESTION_ZH.test(t) || QUESTION_EN.test(t)) return true;
  const han = [...t].filter((c) => HAN.test(c)).length;
  return han >= 8 || t.split(/\s+/).filter((w) => /[a-z]/.test(w)).length >= 5;
}
