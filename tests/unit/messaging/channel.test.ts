import { renderSmsReply, renderSmsText } from '../../../src/channels/sms/render';
import { languageHint } from '../../../src/channels/sms/language';
import { SerialQueue } from '../../../src/channels/sms/queue';
import { beijingTime, compareSmsUp } from '../../../src/channels/aliyun/schema';
import { aliyunFailure } from '../../../src/channels/aliyun/sender';
import { twilioSignature } from '../../support/twilio';
import { verifyAcs3 } from '../../support/fakeAliyun';

describe('SMS rendering', () => {
  it('numbers suggested actions and remembers their values for the next "2"', () => {
    const reply = renderSmsReply({
      type: 'message',
      text: '**请选择**',
      suggestedActions: { to: [], actions: [{ type: 'imBack', title: '查违法', value: 'violations' }, { type: 'imBack', title: '驾驶证', value: 'licence' }] },
    });
    expect(reply).toEqual({ text: '请选择\n1.查违法\n2.驾驶证', choices: ['violations', 'licence'] });
  });

  it('drops typing and trace activities and strips markup', () => {
    expect(renderSmsText({ type: 'typing' })).toBe('');
    expect(renderSmsText({ type: 'trace', text: 'x' })).toBe('');
    expect(renderSmsText({ type: 'message', text: '[12123](https://example.com) <b>提示</b>' })).toBe('12123 提示');
  });

  it('hints the language of a text only when it is clear', () => {
    expect(languageHint('驾照到期怎么办')).toBe('zh-CN');
    expect(languageHint('Hello there')).toBe('en');
    expect(languageHint('2')).toBeUndefined();
    expect(languageHint('T')).toBeUndefined();
  });
});

describe('per-phone queue', () => {
  it('runs jobs of one key in order and jobs of other keys alongside', async () => {
    const q = new SerialQueue();
    const seen: string[] = [];
    const job = (name: string, ms: number) => () => new Promise<void>((r) => setTimeout(() => (seen.push(name), r()), ms));
    await Promise.all([q.run('a', job('a1', 20)), q.run('a', job('a2', 1)), q.run('b', job('b1', 5))]);
    expect(seen).toEqual(['b1', 'a1', 'a2']);
    await expect(q.run('a', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await q.run('a', async () => 'after a failure')).toBe('after a failure');
  });
});

describe('provider formats', () => {
  it('signs Twilio requests as Twilio does (reference test vector)', () => {
    const sid = 'SM00000000000000000000000000000001';
    const params = {
      MessageSid: sid, SmsSid: sid, SmsMessageSid: sid, AccountSid: 'AC00000000000000000000000000000001',
      MessagingServiceSid: 'MG00000000000000000000000000000001', From: '+15551230001', To: '+15557650002', Body: 'STOP',
      NumMedia: '0', NumSegments: '1', SmsStatus: 'received', ApiVersion: '2010-04-01', OptOutType: 'STOP',
    };
    expect(twilioSignature('test_auth_token', 'https://bot.example.com/sms/inbound?tenant=acme', params)).toBe('H1zFN3ljM1i1VIEkR5P7zfJZgnc=');
  });

  it('the fake Aliyun endpoint rejects a request whose signature does not verify', () => {
    const headers = { authorization: 'ACS3-HMAC-SHA256 Credential=k,SignedHeaders=host;x-acs-date,Signature=00', 'x-acs-content-sha256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', host: 'h', 'x-acs-date': 'd' };
    expect(verifyAcs3('POST', '/?A=1', headers, Buffer.alloc(0), 's', 'k')).toBe('signature mismatch');
    expect(verifyAcs3('POST', '/?A=1', { ...headers, authorization: '' }, Buffer.alloc(0), 's', 'k')).toBe('no ACS3 authorization header');
  });

  it('reads Aliyun times as Beijing time and orders SmsUp by send time then sequence', () => {
    expect(beijingTime('2026-11-20 10:15:30')?.toISOString()).toBe('2026-11-20T02:15:30.000Z');
    expect(beijingTime('20261120101530')?.toISOString()).toBe('2026-11-20T02:15:30.000Z');
    expect(beijingTime('yesterday')).toBeUndefined();
    const t = new Date(0);
    const sorted = [{ sentAt: t, sequenceId: '10' }, { sentAt: t, sequenceId: '9' }, { sentAt: new Date(-1), sequenceId: '11' }].sort(compareSmsUp);
    expect(sorted.map((s) => s.sequenceId)).toEqual(['11', '9', '10']);
  });

  it('keeps no request URL (number, text) from an SDK error, and tells a timeout from a refused connection', () => {
    const timeout = aliyunFailure(Object.assign(new Error('ConnectTimeout: Connect http://h/?PhoneNumbers=13800138000 failed.'), { name: 'RequestTimeoutError' }));
    expect(timeout.message).not.toContain('13800138000');
    expect(timeout).toMatchObject({ timedOut: true, notSent: false });
    const refused = aliyunFailure(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }));
    expect(refused).toMatchObject({ notSent: true, timedOut: false });
  });
});
