// Appointment requests typed as a message: "取消预约 AB23CD", "改约AB23CD", "我的预约",
// "cancel booking AB23CD", "reschedule AB23CD", "my appointments", "预约窗口".
import { normaliseInput } from '../conversation/text';
import { normaliseReference } from './reference';

export type AppointmentCommand =
  | { kind: 'cancel'; ref?: string }
  | { kind: 'reschedule'; ref?: string }
  | { kind: 'list' }
  | { kind: 'book' };

const REF = '([A-Za-z0-9][A-Za-z0-9 \\-]{4,8}[A-Za-z0-9])';
const PATTERNS: Array<{ kind: 'cancel' | 'reschedule'; re: RegExp }> = [
  { kind: 'cancel', re: new RegExp(`^(?:取消|撤销|退掉)(?:窗口)?预约(?:号)?[:：]?\\s*${REF}?$`) },
  { kind: 'cancel', re: new RegExp(`^cancel\\s+(?:my\\s+)?(?:booking|appointment|visit)(?:\\s+no\\.?)?\\s*${REF}?$`, 'i') },
  { kind: 'reschedule', re: new RegExp(`^(?:改约|改期|改预约|更改预约|修改预约|预约改期|换个时间)(?:号)?[:：]?\\s*${REF}?$`) },
  { kind: 'reschedule', re: new RegExp(`^(?:reschedule|rebook)(?:\\s+my)?(?:\\s+(?:booking|appointment|visit))?\\s*${REF}?$`, 'i') },
  { kind: 'reschedule', re: new RegExp(`^(?:change|move)\\s+(?:my\\s+)?(?:booking|appointment|visit)\\s*${REF}?$`, 'i') },
];
const LIST = /^(?:我的预约|查预约|查询预约|预约查询|查看预约|我约的号|my\s+(?:bookings?|appointments?)|(?:show|check)\s+my\s+(?:bookings?|appointments?))$/i;
const BOOK = /^(?:我要)?(?:预约|预约窗口|窗口预约|预约办理|预约到窗口办理|book(?:\s+an?)?(?:\s+window)?(?:\s+(?:appointment|visit|slot))?|make an appointment)$/i;

export function recogniseAppointmentCommand(text: string): AppointmentCommand | undefined {
  const t = normaliseInput(text).replace(/[。.!！?？]+$/u, '');
  if (LIST.test(t)) return { kind: 'list' };
  if (BOOK.test(t)) return { kind: 'book' };
  for (const { kind, re } of PATTERNS) {
    const m = re.exec(t);
    if (!m) continue;
    if (m[1] === undefined) return { kind };
    const ref = normaliseReference(m[1]);
    return ref ? { kind, ref } : undefined;
  }
  return undefined;
}
