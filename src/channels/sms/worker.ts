// Sends what the outbox queued, oldest first, one message at a time per number (so the parts of
// a reply arrive in order), a few numbers at once. It survives restarts: the queue lives in the
// database; a message caught mid-send by a crash becomes `unknown`, never sent twice blindly.
import { randomUUID } from 'node:crypto';
import type { Logger } from '../../observability/logger';
import type { OutboxDoc } from '../../storage/models/messaging';
import type { OutboxRepository } from '../../storage/repositories/messagingOutbox';
import { backoffMs, settle, type SendOutcome } from '../../services/messaging/outbox';
import { decideSend } from '../../services/messaging/consent';
import { maskPhone } from '../../services/privacy/mask';
import type { ConsentService } from './consent';
import type { SmsChannelId, SmsSender } from './types';

export interface OutboxWorkerDeps {
  repo: OutboxRepository;
  consent: ConsentService;
  senders: Map<SmsChannelId, SmsSender>;
  logger: Logger;
  now?: () => Date;
  /** How often to look for due messages when nothing woke the worker. */
  pollMs?: number;
  /** Numbers served at once. */
  concurrency?: number;
  /** How long a claim lasts; longer than any provider timeout. */
  claimMs?: number;
  onOutcome?: (channel: string, outcome: SendOutcome['kind']) => void;
}

export class OutboxWorker {
  private readonly owner = `${process.pid}-${randomUUID()}`;
  private readonly busy = new Set<string>();
  private readonly inFlight = new Set<Promise<void>>();
  private timer?: NodeJS.Timeout;
  private running = false;
  private passing = false;
  private again = false;
  private readonly now: () => Date;

  constructor(private readonly deps: OutboxWorkerDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.pass();
    this.timer = setInterval(() => void this.pass(), this.deps.pollMs ?? 1000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearInterval(this.timer);
    while (this.passing || this.inFlight.size > 0) {
      await Promise.all([...this.inFlight]);
      if (this.passing) await new Promise((r) => setTimeout(r, 5));
    }
  }

  /** Looks for work now (called when something was queued). */
  wake(): void {
    if (this.running) void this.pass();
  }

  /** Resolves when nothing is due or in flight (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.passing || this.inFlight.size > 0) {
      await Promise.all([...this.inFlight]);
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  private async pass(): Promise<void> {
    if (this.passing) {
      this.again = true;
      return;
    }
    this.passing = true;
    try {
      do {
        this.again = false;
        await this.deps.repo.expireClaims(this.now());
        const skipped: string[] = [];
        while (this.running && this.busy.size < (this.deps.concurrency ?? 4)) {
          const doc = await this.deps.repo.claimNext(this.owner, this.now(), this.deps.claimMs ?? 60_000, [...this.busy, ...skipped]);
          if (!doc) break;
          if (await this.deps.repo.hasEarlierPending(doc, this.now())) {
            await this.deps.repo.release(doc._id, this.owner);
            skipped.push(doc.to);
            continue;
          }
          this.busy.add(doc.to);
          const job = this.deliver(doc).finally(() => {
            this.busy.delete(doc.to);
            this.inFlight.delete(job);
            this.wake();
          });
          this.inFlight.add(job);
        }
      } while (this.again && this.running);
    } catch (err) {
      this.deps.logger.error({ err: (err as Error).message }, 'outbox worker pass failed');
    } finally {
      this.passing = false;
    }
  }

  private async deliver(doc: OutboxDoc): Promise<void> {
    const { repo, consent, logger } = this.deps;
    const channel = doc.channel as SmsChannelId;
    const log = { id: doc._id, phone: maskPhone(doc.to), channel, kind: doc.kind };
    try {
      // Consent may have changed since the message was queued.
      const decision = decideSend(doc.kind, channel, await consent.state(doc.to));
      if (!decision.allowed) {
        await repo.refuse(doc._id, this.owner, { code: decision.reason, message: 'refused at send time', reason: decision.reason });
        return;
      }
      const sender = this.deps.senders.get(channel);
      if (!sender) {
        await repo.refuse(doc._id, this.owner, { code: 'channel_off', message: 'the channel is not configured', reason: 'channel_off' });
        return;
      }
      let outcome: SendOutcome;
      try {
        outcome = settle(await sender.send(doc), doc.attempts + 1);
      } catch (err) {
        // A sender that throws may or may not have reached the provider.
        outcome = { kind: 'unknown', error: { code: 'sender_error', message: (err as Error).message, reason: 'transport' } };
      }
      this.deps.onOutcome?.(channel, outcome.kind);
      switch (outcome.kind) {
        case 'sent':
          await repo.markSent(doc._id, this.owner, outcome.providerId, outcome.providerStatus, this.now());
          break;
        case 'retry': {
          const wait = outcome.afterMs ?? backoffMs(doc.attempts + 1);
          await repo.markRetry(doc._id, this.owner, outcome.error, new Date(this.now().getTime() + wait));
          logger.warn({ ...log, code: outcome.error.code, retryInMs: wait }, 'sms send will be retried');
          break;
        }
        case 'failed':
          await repo.markFinal(doc._id, this.owner, 'failed', outcome.error);
          if (outcome.optedOut) await consent.optOut(doc.to, channel, `provider-${outcome.error.code}`, { providerBlocks: true });
          logger.warn({ ...log, code: outcome.error.code, reason: outcome.error.reason }, 'sms send failed');
          break;
        case 'unknown':
          await repo.markFinal(doc._id, this.owner, 'unknown', outcome.error);
          logger.warn({ ...log, code: outcome.error.code }, 'sms send outcome unknown; not resent');
          break;
      }
    } catch (err) {
      logger.error({ ...log, err: (err as Error).message }, 'outbox delivery failed');
    }
  }
}
