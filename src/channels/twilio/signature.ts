// X-Twilio-Signature (reference/channels.md 1.2): checked against the URL Twilio was configured
// with, i.e. PUBLIC_BASE_URL plus the path and query the request came to, never a URL rebuilt
// from Host headers behind a proxy.
import twilio from 'twilio';

export type TwilioParams = Record<string, string | string[]>;

/** Form fields as Twilio signed them: strings, or lists for repeated names. */
export function formParams(body: unknown): TwilioParams | null {
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body)) return null;
  const out: TwilioParams = {};
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    if (typeof v === 'string') out[k] = v;
    else if (Array.isArray(v) && v.every((x) => typeof x === 'string')) out[k] = v as string[];
    else return null;
  }
  return out;
}

export function isValidTwilioSignature(authToken: string, signature: string | undefined, url: string, params: TwilioParams): boolean {
  if (!signature) return false;
  try {
    return twilio.validateRequest(authToken, signature, url, params);
  } catch {
    return false;
  }
}

/** The URL Twilio signed: the public base and the original path with its query. */
export function signedUrl(publicBaseUrl: string, originalUrl: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}${originalUrl}`;
}
