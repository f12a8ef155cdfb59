import { backoffMs, canAdvance, classifyTwilioFailure, fromTwilioStatus, settle, statusesBefore, MAX_ATTEMPTS } from '../../../src/services/messaging/outbox';
import { classifyAliyunCode, classifyAliyunFailure } from '../../../src/services/messaging/aliyunCodes';
import { toAliyunNumber, toE164 } from '../../../src/services/messaging/phone';

describe('outbox state machine', () => {
  it('only moves forward; delivered and failed are final', () => {
    expect(canAdvance('queued', 'sending')).toBe(true);
    expect(canAdvance('sending', 'queued')).toBe(true);
    expect(canAdvance('sent', 'delivered')).toBe(true);
    expect(canAdvance('delivered', 'sent')).toBe(false);
    expect(canAdvance('delivered', 'failed')).toBe(false);
    expect(canAdvance('failed', 'delivered')).toBe(false);
    expect(canAdvance('unknown', 'delivered')).toBe(true);
    expect(canAdvance('unknown', 'queued')).toBe(false);
    expect(statusesBefore('sent')).toEqual(['queued', 'sending', 'unknown']);
  });

  it('maps Twilio callback statuses', () => {
    expect(fromTwilioStatus('accepted')).toBe('sent');
    expect(fromTwilioStatus('delivered')).toBe('delivered');
    expect(fromTwilioStatus('undelivered')).toBe('failed');
    expect(fromTwilioStatus('received')).toBeUndefined();
  });

  it('never retries 21610, backs off on 429 and 5xx, and calls a timeout unknown', () => {
    expect(classifyTwilioFailure({ status: 400, code: '21610', message: 'x' })).toMatchObject({ kind: 'failed', optedOut: true });
    expect(classifyTwilioFailure({ status: 429, code: '20429', message: 'x' }).kind).toBe('retry');
    expect(classifyTwilioFailure({ status: 503, message: 'x' }).kind).toBe('retry');
    expect(classifyTwilioFailure({ status: 400, code: '21211', message: 'x' })).toMatchObject({ kind: 'failed', error: { reason: 'invalid_number' } });
    expect(classifyTwilioFailure({ message: 'timeout', timedOut: true }).kind).toBe('unknown');
    expect(classifyTwilioFailure({ message: 'reset' }).kind).toBe('unknown');
    expect(classifyTwilioFailure({ code: 'ECONNREFUSED', message: 'refused', notSent: true }).kind).toBe('retry');
  });

  it('gives up retrying after the attempt limit, with growing pauses', () => {
    const retry = classifyTwilioFailure({ status: 503, message: 'x' });
    expect(settle(retry, MAX_ATTEMPTS - 1).kind).toBe('retry');
    expect(settle(retry, MAX_ATTEMPTS).kind).toBe('failed');
    expect(backoffMs(1, () => 0)).toBe(1000);
    expect(backoffMs(3, () => 1)).toBe(8000);
    expect(backoffMs(30, () => 1)).toBe(300_000);
  });

  it('maps Aliyun isv codes in a 200 answer to clear outcomes', () => {
    expect(classifyAliyunCode('isv.MOBILE_NUMBER_ILLEGAL', '')).toMatchObject({ kind: 'failed', error: { reason: 'invalid_number' } });
    expect(classifyAliyunCode('isv.BUSINESS_LIMIT_CONTROL', '触发分钟级流控Permits:1')).toMatchObject({ kind: 'retry', afterMs: 61_000, error: { reason: 'flow_control' } });
    expect(classifyAliyunCode('isv.BUSINESS_LIMIT_CONTROL', '触发天级流控Permits:10')).toMatchObject({ kind: 'failed', error: { reason: 'flow_control' } });
    expect(classifyAliyunCode('isv.TEMPLATE_MISSING_PARAMETERS', '')).toMatchObject({ kind: 'failed', error: { reason: 'template' } });
    expect(classifyAliyunCode('isv.SOMETHING_NEW', '')).toMatchObject({ kind: 'failed', error: { reason: 'rejected' } });
    expect(classifyAliyunFailure({ status: 400, code: 'Throttling.User', message: '' }).kind).toBe('retry');
    expect(classifyAliyunFailure({ status: 400, code: 'SignatureDoesNotMatch', message: '' })).toMatchObject({ kind: 'failed', error: { reason: 'credentials' } });
    expect(classifyAliyunFailure({ message: 'ReadTimeout(5000)', timedOut: true }).kind).toBe('unknown');
  });

  it('normalises phone numbers both ways', () => {
    expect(toE164('13800138000')).toBe('+8613800138000');
    expect(toE164('+8613800138000')).toBe('+8613800138000');
    expect(toE164('008613800138000')).toBe('+8613800138000');
    expect(toE164('+1 555-123-0001')).toBe('+15551230001');
    expect(toE164('hello')).toBeNull();
    expect(toAliyunNumber('+8613800138000')).toBe('13800138000');
    expect(toAliyunNumber('+85291234567')).toBe('85291234567');
  });
});
