// Structured logging. Secrets are removed and personal data masked before a line is written:
// a log line must never carry a full phone, plate, VIN, ID number, token or message text.
import pino, { type Logger } from 'pino';

export type { Logger };

const SECRET_PATHS = [
  'req.headers.authorization',
  'req.headers["x-twilio-signature"]',
  'req.headers.cookie',
  '*.password',
  '*.token',
  '*.authToken',
  '*.accessKeySecret',
  '*.MicrosoftAppPassword',
];

const PERSONAL_PATHS = [
  '*.phone',
  '*.from',
  '*.to',
  '*.userId',
  '*.plate',
  '*.vin',
  '*.engineNo',
  '*.idNumber',
  '*.name',
  '*.text',
  '*.body',
];

/** Keeps the first 3 and last 2 characters of a personal value, so support can still correlate. */
export function maskValue(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  const s = typeof value === 'string' ? value : JSON.stringify(value);
  const chars = Array.from(s);
  if (chars.length <= 4) return '*'.repeat(chars.length);
  if (chars.length <= 8) return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
  return `${chars.slice(0, 3).join('')}${'*'.repeat(Math.min(chars.length - 5, 8))}${chars.slice(-2).join('')}`;
}

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'jiaoguan-assistant' },
      redact: {
        paths: [...SECRET_PATHS, ...PERSONAL_PATHS],
        censor: (value, path) => (SECRET_PATHS.includes(path.join('.')) || isSecretPath(path) ? '[redacted]' : maskValue(value)),
      },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}

function isSecretPath(path: string[]): boolean {
  const last = path[path.length - 1]?.toLowerCase() ?? '';
  return ['authorization', 'x-twilio-signature', 'cookie', 'password', 'token', 'authtoken', 'accesskeysecret', 'microsoftapppassword'].includes(last);
}
