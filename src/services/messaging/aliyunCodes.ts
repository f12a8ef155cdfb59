// Alibaba Cloud SendSms outcomes (reference/channels.md 2.1, 2.3). Business failures come back as
// HTTP 200 with Code != "OK"; gateway failures (signature, throttling) as HTTP errors.
import type { SendError, SendOutcome, TransportFailure } from './outbox';

interface CodeRule {
  reason: string;
  /** Retry after this long, or never. */
  retryAfterMs?: number;
}

const RULES: Record<string, CodeRule> = {
  'isv.MOBILE_NUMBER_ILLEGAL': { reason: 'invalid_number' },
  'isv.MOBILE_COUNT_OVER_LIMIT': { reason: 'invalid_number' },
  'isv.DAY_LIMIT_CONTROL': { reason: 'account_limit' },
  'isv.MONTH_LIMIT_CONTROL': { reason: 'account_limit' },
  'isv.TEMPLATE_MISSING_PARAMETERS': { reason: 'template' },
  'isv.INVALID_JSON_PARAM': { reason: 'template' },
  'isv.PARAM_LENGTH_LIMIT': { reason: 'template' },
  'isv.PARAM_NOT_SUPPORT_URL': { reason: 'template' },
  'isv.SMS_TEMPLATE_ILLEGAL': { reason: 'template' },
  'isv.SMS_SIGNATURE_SCENE_ILLEGAL': { reason: 'template' },
  'isv.SMS_SIGNATURE_ILLEGAL': { reason: 'signature' },
  'isv.SMS_SIGN_ILLEGAL': { reason: 'signature' },
  'isv.SIGN_STATE_ILLEGAL': { reason: 'signature' },
  'isv.AMOUNT_NOT_ENOUGH': { reason: 'account' },
  'isv.OUT_OF_SERVICE': { reason: 'account' },
  'isv.BLACK_KEY_CONTROL_LIMIT': { reason: 'content' },
  'isv.SMS_CONTENT_ILLEGAL': { reason: 'content' },
  'isv.DENY_IP_RANGE': { reason: 'permission' },
  'isp.RAM_PERMISSION_DENY': { reason: 'permission' },
};

/**
 * Per-number flow control: the message says which window was hit. A minute window reopens within
 * a minute, so the send waits for it; hour and day windows are final for this message.
 */
function flowControl(message: string): CodeRule {
  if (/分钟|minute/i.test(message)) return { reason: 'flow_control', retryAfterMs: 61_000 };
  return { reason: 'flow_control' };
}

/** The outcome of an HTTP 200 answer whose Code is not "OK". */
export function classifyAliyunCode(code: string, message: string): SendOutcome {
  const rule = code === 'isv.BUSINESS_LIMIT_CONTROL' ? flowControl(message) : RULES[code] ?? { reason: 'rejected' };
  const error: SendError = { code, message, reason: rule.reason };
  if (rule.retryAfterMs !== undefined) return { kind: 'retry', error, afterMs: rule.retryAfterMs };
  return { kind: 'failed', error };
}

/** The outcome of a thrown SDK error (gateway answer, timeout, connection). */
export function classifyAliyunFailure(f: TransportFailure): SendOutcome {
  const code = f.code ?? (f.status ? `http_${f.status}` : 'transport');
  const error = (reason: string): SendError => ({ code, message: f.message, reason });
  if (/throttling/i.test(f.code ?? '')) return { kind: 'retry', error: error('rate_limited') };
  if (f.status !== undefined && f.status >= 500) return { kind: 'retry', error: error('provider_error') };
  if (f.status !== undefined) return { kind: 'failed', error: error(/signature|accesskey|credential/i.test(code) ? 'credentials' : 'rejected') };
  if (f.notSent) return { kind: 'retry', error: error('connection') };
  return { kind: 'unknown', error: error(f.timedOut ? 'timeout' : 'transport') };
}
