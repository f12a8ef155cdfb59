// When and about what a driver may be reminded by SMS (reference/domain.md 3.1, 3.4, 5.4 and 7):
// deadlines that qualify, the days to remind on, the 08:00-21:00 Beijing-time sending window,
// and the phrases that ask for a reminder or cancel one. Pure functions; the clock is passed in.
import { nextCampaignSlot, CAMPAIGN_HOURS } from '../messaging/consent';
import { addDays, addMonths, daysBetween, isIsoDate, shanghaiToday } from '../catalogue/dates';
import { commandForm } from '../conversation/text';

export const DEADLINE_KINDS = ['licence-expiry', 'inspection-due', 'medical-proof'] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

/** A date the driver must act by (ISO day, Asia/Shanghai), and what it is about. */
export interface Deadline {
  kind: DeadlineKind;
  date: string;
  /** The service whose walkthrough found it. */
  serviceId: string;
}

/** Record facts whose value is a deadline. */
const DEADLINE_FACTS: Record<string, DeadlineKind> = {
  'licence.validUntil': 'licence-expiry',
  'vehicle.nextInspectionDue': 'inspection-due',
};

/** The yearly medical proof of drivers aged 70+ (and C5 every 3 years): the outcome that says it is due. */
const MEDICAL_PROOF = { serviceId: 'licence-medical-proof', outcomeId: 'required' } as const;

/** Days before the deadline on which a reminder goes out. */
export const REMINDER_OFFSETS_DAYS = [30, 7] as const;
/** Local hour (Asia/Shanghai) a reminder is planned for; inside the sending window. */
export const REMINDER_HOUR = 10;
/** Reminders are unsolicited: sent only 08:00-21:00 Beijing time, like campaigns. */
export const SENDING_HOURS = CAMPAIGN_HOURS;

const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/** The instant of `hour`:00 Beijing time on an ISO day. */
export function shanghaiInstant(day: string, hour: number): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) + hour * 3600_000 - SHANGHAI_OFFSET_MS);
}

/** True when `at` is inside 08:00-21:00 Beijing time. */
export function insideSendingHours(at: Date): boolean {
  const hour = new Date(at.getTime() + SHANGHAI_OFFSET_MS).getUTCHours();
  return hour >= SENDING_HOURS.from && hour < SENDING_HOURS.to;
}

/** `at` itself when inside the window, else the next 08:00 Beijing time (23:00 -> 08:00 next day). */
export function intoSendingHours(at: Date): Date {
  return nextCampaignSlot(at);
}

export interface QuestionFacts {
  id: string;
  type: string;
  from?: string;
}

export interface DeadlineInput {
  serviceId: string;
  outcomeId: string;
  questions: readonly QuestionFacts[];
  /** The walkthrough's answers (ISO dates for date questions). */
  answers: Readonly<Record<string, unknown>>;
  /** Facts from the driver's records (licence.issuedAt is needed for the medical proof). */
  records?: Readonly<Record<string, unknown>>;
}

/** Whether the deadline of this outcome depends on record facts the walkthrough does not ask. */
export function needsRecords(serviceId: string, outcomeId: string): boolean {
  return serviceId === MEDICAL_PROOF.serviceId && outcomeId === MEDICAL_PROOF.outcomeId;
}

/**
 * The future deadline a conclusion is about, if any: the licence's expiry or the inspection's due
 * date as the driver gave them (or as their records say), or the next medical-proof deadline.
 * Past dates and today do not qualify: there is nothing left to remind of.
 */
export function findDeadline(input: DeadlineInput, now: Date): Deadline | undefined {
  const today = shanghaiToday(now);
  if (needsRecords(input.serviceId, input.outcomeId)) {
    const issued = input.records?.['licence.issuedAt'];
    if (!isIsoDate(issued)) return undefined;
    return { kind: 'medical-proof', date: medicalProofDeadline(issued, today), serviceId: input.serviceId };
  }
  for (const q of input.questions) {
    const kind = q.type === 'date' && q.from ? DEADLINE_FACTS[q.from] : undefined;
    const value = input.answers[q.id];
    if (kind && isIsoDate(value) && value > today) return { kind, date: value, serviceId: input.serviceId };
  }
  return undefined;
}

/**
 * The medical proof is due within 30 days after each 12-month points cycle ends; the cycle runs
 * from the day the licence was first issued (163 and 162 Art.74). The first such deadline after
 * today.
 */
export function medicalProofDeadline(firstIssued: string, today: string): string {
  for (let years = 1; ; years++) {
    const cycleEnd = addDays(addMonths(firstIssued, 12 * years), -1);
    const due = addDays(cycleEnd, 30);
    if (due > today) return due;
  }
}

export interface PlannedReminder {
  offsetDays: number;
  dueAt: Date;
}

/** The reminders still ahead for a deadline: 30 and 7 days before, at 10:00, inside the window. */
export function planReminders(deadline: string, now: Date): PlannedReminder[] {
  return REMINDER_OFFSETS_DAYS.map((offsetDays) => ({ offsetDays, dueAt: intoSendingHours(shanghaiInstant(addDays(deadline, -offsetDays), REMINDER_HOUR)) })).filter(
    (r) => r.dueAt.getTime() > now.getTime(),
  );
}

/** Days from the day of `now` (Beijing) to the deadline. */
export function daysLeft(deadline: string, now: Date): number {
  return daysBetween(shanghaiToday(now), deadline);
}

export type ReminderCommand = 'remind' | 'cancel';

const REMIND = /^(?:请)?(?:到期前?|到时候?|快到期时)?(?:短信)?(?:提醒我|提醒一下我?|通知我)(?:一下)?(?:吧)?$|^(?:设置?|开通|要)(?:一个)?(?:到期)?(?:短信)?提醒$|^(?:please\s+)?(?:remind me|text me|send me a reminder|set (?:a|up a) reminder)(?: please)?$/;
const CANCEL = /^(?:取消|关闭|退掉|停止|不要|不用)(?:到期)?(?:短信)?提醒(?:了)?$|^(?:cancel|stop|delete|remove)\s+(?:my\s+|the\s+|all\s+)?reminders?$|^no more reminders$/;

/**
 * "提醒我" / "remind me" asks for a reminder; "取消提醒" / "cancel reminder" cancels them. A bare
 * CANCEL, T or R is an SMS opt-out handled before any dialog, so only explicit phrases count.
 */
export function recogniseReminderCommand(text: string): ReminderCommand | undefined {
  const t = commandForm(text).replace(/[?？]+$/u, '');
  if (CANCEL.test(t)) return 'cancel';
  if (REMIND.test(t)) return 'remind';
  return undefined;
}

const YES = /^(?:1|是|是的|好|好的|同意|可以|行|确认|需要|要|yes|y|ok|okay|sure|agree|i agree)$/;
const NO = /^(?:2|否|不|不要|不用|不用了|不同意|算了|no|n|no thanks|don'?t)$/;

/** The answer to the numbered consent question (1 agree / 2 no), if it is one. */
export function consentAnswer(text: string): 'yes' | 'no' | undefined {
  const t = commandForm(text).replace(/^(?:选|回复)\s*/, '');
  if (YES.test(t)) return 'yes';
  if (NO.test(t)) return 'no';
  return undefined;
}
