// The records Alibaba Cloud pushes (reference/channels.md 2.8): SmsUp (inbound SMS) and
// SmsReport (delivery receipts), each a JSON array. sequence_id may be a number or a string.
import { z } from 'zod';

const idLike = z.union([z.string().min(1).max(64), z.number().int().nonnegative()]).transform(String);
const phoneLike = z.union([z.string().min(5).max(32), z.number().int().positive()]).transform(String);

export const smsUpSchema = z.object({
  phone_number: phoneLike,
  content: z.string().max(2000).default(''),
  send_time: z.string().max(32).optional(),
  dest_code: z.union([z.string().max(32), z.number()]).transform(String).optional(),
  sequence_id: idLike,
  sign_name: z.string().max(64).optional(),
});

export const smsReportSchema = z.object({
  phone_number: phoneLike,
  send_time: z.string().max(32).optional(),
  report_time: z.string().max(32).optional(),
  success: z.union([z.boolean(), z.enum(['true', 'false'])]).transform((v) => v === true || v === 'true'),
  err_code: z.string().max(64).optional(),
  err_msg: z.string().max(512).optional(),
  sms_size: z.union([z.string(), z.number()]).optional(),
  biz_id: z.string().min(1).max(128),
  out_id: z.string().max(256).optional(),
});

export const MAX_RECORDS = 1000;

export type SmsUp = z.infer<typeof smsUpSchema>;
export type SmsReport = z.infer<typeof smsReportSchema>;

/** `yyyy-MM-dd HH:mm:ss` or `yyyyMMddHHmmss`, Beijing time, to a Date; undefined when unreadable. */
export function beijingTime(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  const m = /^(\d{4})-?(\d{2})-?(\d{2})[ T]?(\d{2}):?(\d{2}):?(\d{2})$/.exec(value.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number);
  const ms = Date.UTC(y, mo - 1, d, h - 8, mi, s);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

/** Order of arrival at the handset: send time, then sequence (numerically when both are numbers). */
export function compareSmsUp(a: { sentAt: Date; sequenceId: string }, b: { sentAt: Date; sequenceId: string }): number {
  const byTime = a.sentAt.getTime() - b.sentAt.getTime();
  if (byTime !== 0) return byTime;
  if (/^\d+$/.test(a.sequenceId) && /^\d+$/.test(b.sequenceId)) {
    if (a.sequenceId.length !== b.sequenceId.length) return a.sequenceId.length - b.sequenceId.length;
  }
  return a.sequenceId < b.sequenceId ? -1 : a.sequenceId > b.sequenceId ? 1 : 0;
}
