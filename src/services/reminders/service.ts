// Reminders as the dialogs use them: which channels can carry them, what would be planned for a
// deadline, storing them with the driver's consent, and cancelling them.
import { randomUUID } from 'node:crypto';
import { planReminders, type Deadline, type PlannedReminder } from './rules';
import type { Reminder, ReminderStore } from './types';

export interface ReminderServiceDeps {
  store: ReminderStore;
  now: () => Date;
  /** SMS channels that can send (configured); a reminder asked for elsewhere could never leave. */
  channels: ReadonlySet<string>;
  newId?: () => string;
}

export interface ReminderRequest {
  /** E.164, as the SMS channel vouches for it. */
  phone: string;
  channel: string;
  locale: string;
  deadline: Deadline;
  /** The consent question as the driver read it, and where they answered it. */
  consentText: string;
  source: string;
}

export type ScheduleResult = { ok: true; reminders: Reminder[] } | { ok: false; reason: 'channel' | 'too-close' };

export class ReminderService {
  private readonly newId: () => string;

  constructor(private readonly deps: ReminderServiceDeps) {
    this.newId = deps.newId ?? (() => randomUUID());
  }

  /** True when reminders asked for on this channel can be sent. */
  canSendOn(channel: string): boolean {
    return this.deps.channels.has(channel);
  }

  /** The reminders a deadline would get from now on (none when it is too close). */
  plan(deadline: Deadline): PlannedReminder[] {
    return planReminders(deadline.date, this.deps.now());
  }

  /**
   * Stores the reminders for a deadline under the consent just given. Asking again for the same
   * kind of deadline replaces the reminders still scheduled for it.
   */
  async schedule(req: ReminderRequest): Promise<ScheduleResult> {
    if (!this.canSendOn(req.channel)) return { ok: false, reason: 'channel' };
    const now = this.deps.now();
    const planned = planReminders(req.deadline.date, now);
    if (planned.length === 0) return { ok: false, reason: 'too-close' };
    await this.deps.store.cancelScheduled(req.phone, now, req.deadline.kind);
    const group = this.newId();
    const consent = { at: now, channel: req.channel, source: req.source, text: req.consentText };
    const reminders: Reminder[] = planned.map((p) => ({
      _id: this.newId(),
      group,
      phone: req.phone,
      channel: req.channel,
      locale: req.locale,
      kind: req.deadline.kind,
      deadline: req.deadline.date,
      serviceId: req.deadline.serviceId,
      offsetDays: p.offsetDays,
      dueAt: p.dueAt,
      status: 'scheduled',
      consent,
      outboxIds: [],
      history: [{ at: now, event: 'scheduled' }],
      createdAt: now,
      updatedAt: now,
    }));
    await this.deps.store.insert(reminders);
    return { ok: true, reminders };
  }

  /** Cancels every reminder still scheduled for the number; returns how many. */
  async cancelAll(phone: string): Promise<number> {
    return this.deps.store.cancelScheduled(phone, this.deps.now());
  }

  async scheduled(phone: string): Promise<Reminder[]> {
    return this.deps.store.scheduled(phone);
  }
}
