// Starts the real app with the SMS channels pointed at local fakes.
import type { Dialog } from 'botbuilder-dialogs';
import { Dialog as BaseDialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import type { TurnContext } from 'botbuilder';
import { startTestApp, type TestApp } from '../../support/app';
import type { TestMongo } from '../../support/mongo';
import { PUBLIC_BASE_URL, TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_FROM, type FakeTwilio } from '../../support/twilio';
import { ALIYUN_KEY_ID, ALIYUN_KEY_SECRET, ALIYUN_SIGN_NAME, ALIYUN_TOKEN, type FakeAliyun } from '../../support/fakeAliyun';
import { createTwilioSender } from '../../../src/channels/twilio/sender';
import type { Say } from '../../../dialogs/common/say';

export interface SmsAppOptions {
  twilio?: FakeTwilio;
  aliyun?: FakeAliyun;
  rootDialog?: (say: Say) => Dialog;
  start?: boolean;
}

export async function startSmsApp(mongo: TestMongo, opts: SmsAppOptions): Promise<TestApp> {
  const twilioConfig = { accountSid: TWILIO_ACCOUNT_SID, authToken: TWILIO_AUTH_TOKEN, from: TWILIO_FROM };
  const app = await startTestApp(mongo, {
    config: {
      publicBaseUrl: PUBLIC_BASE_URL,
      ...(opts.twilio ? { twilio: twilioConfig } : {}),
      ...(opts.aliyun
        ? {
            aliyun: {
              accessKeyId: ALIYUN_KEY_ID,
              accessKeySecret: ALIYUN_KEY_SECRET,
              signName: ALIYUN_SIGN_NAME,
              endpoint: opts.aliyun.endpoint,
              protocol: 'http' as const,
              callbackToken: ALIYUN_TOKEN,
            },
          }
        : {}),
    },
    runtime: opts.rootDialog ? { rootDialog: opts.rootDialog } : {},
  });
  if (opts.twilio) {
    app.rt.messaging.setSender('sms-twilio', createTwilioSender(twilioConfig, PUBLIC_BASE_URL, { httpClient: opts.twilio.httpClient(), timeoutMs: 1500 }));
  }
  if (opts.start !== false) app.rt.messaging.start();
  return app;
}

/** Waits until check() is true (polling), or fails with the message. */
export async function eventually(check: () => Promise<boolean> | boolean, message: string, timeoutMs = 8000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out: ${message}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export { CounterDialog } from '../../support/counterDialog';

/** Echoes what it received, then offers two choices as buttons whose values differ from their titles. */
export class ChoiceEchoDialog extends BaseDialog {
  constructor() {
    super('choice-echo');
  }
  override async beginDialog(dc: DialogContext): Promise<DialogTurnResult> {
    return this.echo(dc.context);
  }
  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    return this.echo(dc.context);
  }
  private async echo(ctx: TurnContext): Promise<DialogTurnResult> {
    await ctx.sendActivity({ type: 'typing' });
    await ctx.sendActivity(`got:${ctx.activity.text}`);
    if (ctx.activity.text !== 'plain') {
      await ctx.sendActivity({
        type: 'message',
        text: 'Pick one',
        suggestedActions: { to: [], actions: [{ type: 'imBack', title: 'Violations', value: 'violations' }, { type: 'imBack', title: 'Licence', value: 'licence' }] },
      });
    }
    return BaseDialog.EndOfTurn;
  }
}
