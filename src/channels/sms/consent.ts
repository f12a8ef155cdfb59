// Opt-out and opt-in as the SMS channels record them: the consent record of the number, and the
// unsolicited messages still waiting in the outbox for it are refused at once. Features that keep
// messages of their own for later (scheduled reminders) are told, so nothing the number had
// scheduled goes out if it opts in again.
import type { Logger } from '../../observability/logger';
import type { ConsentRepository } from '../../storage/repositories/messagingConsent';
import type { OutboxRepository } from '../../storage/repositories/messagingOutbox';
import { MESSAGE_KINDS, isSolicited, providerBlocksAfterOptOut } from '../../services/messaging/consent';
import { maskPhone } from '../../services/privacy/mask';

const UNSOLICITED = MESSAGE_KINDS.filter((k) => !isSolicited(k));

export class ConsentService {
  private readonly optOutListeners: Array<(phone: string) => Promise<unknown>> = [];

  constructor(
    private readonly consent: ConsentRepository,
    private readonly outbox: OutboxRepository,
    private readonly logger: Logger,
  ) {}

  /** `source`: the keyword, or the provider signal (e.g. twilio-21610, twilio-OptOutType). */
  async optOut(phone: string, channel: string, source: string, opts: { providerBlocks?: boolean } = {}): Promise<void> {
    const blocked = opts.providerBlocks ?? providerBlocksAfterOptOut(channel);
    await this.consent.optOut(phone, channel, source, blocked);
    const refused = await this.outbox.refuseQueued(phone, UNSOLICITED, { code: 'opted_out', message: 'the number opted out', reason: 'opted_out' });
    this.logger.info({ phone: maskPhone(phone), channel, source, refused }, 'sms opt-out recorded');
    for (const listener of this.optOutListeners) {
      // The opt-out itself is recorded and enforced by the outbox; a listener's failure is logged only.
      await listener(phone).catch((err: unknown) => this.logger.error({ err, phone: maskPhone(phone) }, 'opt-out follow-up failed'));
    }
  }

  /** Work to do after a number opts out, such as cancelling its scheduled reminders. */
  whenOptedOut(listener: (phone: string) => Promise<unknown>): void {
    this.optOutListeners.push(listener);
  }

  async optIn(phone: string, channel: string, source: string): Promise<void> {
    await this.consent.optIn(phone, channel, source);
    this.logger.info({ phone: maskPhone(phone), channel, source }, 'sms opt-in recorded');
  }

  async setCampaignConsent(phone: string, granted: boolean, source: string): Promise<void> {
    await this.consent.setCampaignConsent(phone, granted, source);
  }

  state(phone: string) {
    return this.consent.state(phone);
  }
}
