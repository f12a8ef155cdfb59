// The channel-agnostic part of every turn: exactly-once intake (by activity id), one turn at a
// time per conversation (across instances), the transcript, metrics, and in-flight tracking
// for graceful shutdown. Channels call run(); the bot logic runs inside it.
import type { Activity, TurnContext } from 'botbuilder';
import type { Logger } from '../observability/logger';
import type { Metrics } from '../observability/metrics';
import type { CoreModels } from '../storage/models/core';
import { LeaseLock } from '../storage/leases';
import { isDuplicateKey } from '../storage/errors';
import { redactText } from '../services/privacy/mask';
import { isSecretInput } from './turnState';

export interface PipelineDeps {
  models: CoreModels;
  logger: Logger;
  metrics: Metrics;
  transcriptRetentionDays: number;
  lock?: LeaseLock;
}

/** Transcripts keep what was said, with phones, plates, VINs and ID numbers masked. */
function maskText(text: string | undefined): string | undefined {
  return typeof text === 'string' ? redactText(text) : undefined;
}

export type TurnOutcome = 'ok' | 'duplicate' | 'error';

export class TurnPipeline {
  readonly lock: LeaseLock;
  private inFlight = 0;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly deps: PipelineDeps) {
    this.lock = deps.lock ?? new LeaseLock(deps.models.Lease);
  }

  get turnsInFlight(): number {
    return this.inFlight;
  }

  /** Resolves once no turn is running (or at the deadline). */
  async drain(timeoutMs = 10_000): Promise<boolean> {
    if (this.inFlight === 0) return true;
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.idleWaiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  async run(ctx: TurnContext, logic: (ctx: TurnContext) => Promise<void>): Promise<TurnOutcome> {
    const activity = ctx.activity;
    const channel = activity.channelId ?? 'unknown';
    const started = process.hrtime.bigint();
    this.inFlight += 1;
    try {
      const intakeKey = activity.type === 'message' && activity.id ? `${channel}:${activity.id}` : undefined;
      if (intakeKey && !(await this.claim(intakeKey, activity))) {
        this.deps.metrics.turns.inc({ channel, outcome: 'duplicate' });
        this.deps.logger.info({ channel, activityId: activity.id }, 'duplicate delivery ignored');
        return 'duplicate';
      }
      const conversationKey = `${channel}:${activity.conversation.id}`;
      const outgoing: { activity: Partial<Activity>; at: Date }[] = [];
      ctx.onSendActivities(async (_c, activities, next) => {
        const at = new Date();
        outgoing.push(...activities.map((activity) => ({ activity, at })));
        return next();
      });
      try {
        // The transcript keeps the driver's own words (the bot may normalise activity.text).
        const said = activity.text;
        await this.lock.withLock(conversationKey, async () => {
          const startedAt = new Date();
          await logic(ctx);
          // Recorded while the conversation is still ours, so transcripts keep the turn order.
          await Promise.all([
            this.record({ ...activity, text: said }, startedAt, outgoing, isSecretInput(ctx)),
            intakeKey ? this.deps.models.Inbound.updateOne({ _id: intakeKey }, { $set: { status: 'done' } }) : undefined,
          ]);
        });
      } catch (err) {
        // Let a redelivery run the turn again: nothing of it was kept.
        if (intakeKey) await this.deps.models.Inbound.deleteOne({ _id: intakeKey }).catch(() => undefined);
        this.deps.metrics.turns.inc({ channel, outcome: 'error' });
        throw err;
      }
      this.deps.metrics.turns.inc({ channel, outcome: 'ok' });
      return 'ok';
    } finally {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      this.deps.metrics.turnSeconds.observe({ channel }, seconds);
      this.inFlight -= 1;
      if (this.inFlight === 0) this.idleWaiters.splice(0).forEach((w) => w());
    }
  }

  /** Stores the inbound message once; false when it was stored before (a redelivery). */
  private async claim(key: string, activity: Partial<Activity>): Promise<boolean> {
    try {
      await this.deps.models.Inbound.create({
        _id: key,
        channelId: activity.channelId,
        conversationId: activity.conversation?.id,
        status: 'processing',
        receivedAt: new Date(),
      });
      return true;
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
  }

  private async record(
    inbound: Partial<Activity>,
    startedAt: Date,
    outgoing: { activity: Partial<Activity>; at: Date }[],
    secretInput: boolean,
  ): Promise<void> {
    const expiresAt = new Date(Date.now() + this.deps.transcriptRetentionDays * 86_400_000);
    const base = { channelId: inbound.channelId ?? 'unknown', conversationId: inbound.conversation?.id ?? 'unknown', expiresAt };
    const rows = [
      ...(inbound.type === 'message'
        ? [{ ...base, activityId: inbound.id, type: 'message', role: 'user' as const, text: secretInput ? '******' : maskText(inbound.text), locale: inbound.locale, timestamp: startedAt }]
        : []),
      ...outgoing
        .filter(({ activity }) => activity.type === 'message')
        .map(({ activity, at }) => ({ ...base, type: 'message', role: 'bot' as const, text: maskText(activity.text), locale: activity.locale, timestamp: at })),
    ];
    if (rows.length === 0) return;
    try {
      await this.deps.models.Transcript.insertMany(rows, { ordered: false });
    } catch (err) {
      // A lost transcript line must not fail the driver's turn; it is counted and logged.
      this.deps.metrics.errors.inc({ where: 'transcript' });
      this.deps.logger.error({ err: (err as Error).message }, 'could not store transcript');
    }
  }
}
