// The only reader of process.env. Every variable of the public contract is parsed and
// validated here; a bad value stops startup with one line that names the variable.
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { z } from 'zod';

export const SUPPORTED_LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const port = (fallback: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === '') return fallback;
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0 || n > 65535) {
        ctx.addIssue({ code: 'custom', message: `must be a port number 0-65535, got "${v}"` });
        return z.NEVER;
      }
      return n;
    });

const url = (what: string) =>
  optionalString.refine(
    (v) => {
      if (v === undefined) return true;
      try {
        const u = new URL(v);
        return u.protocol === 'http:' || u.protocol === 'https:';
      } catch {
        return false;
      }
    },
    { message: `must be an http(s) URL (${what})` },
  );

const schema = z.object({
  NODE_ENV: optionalString,
  PORT: port(3978),
  MONGODB_URI: optionalString.refine((v) => v === undefined || /^mongodb(\+srv)?:\/\/.+/.test(v), {
    message: 'must start with mongodb:// or mongodb+srv://',
  }),
  MicrosoftAppId: optionalString,
  MicrosoftAppPassword: optionalString,
  MicrosoftAppType: optionalString.refine(
    (v) => v === undefined || ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'].includes(v),
    { message: 'must be MultiTenant, SingleTenant or UserAssignedMSI' },
  ),
  MicrosoftAppTenantId: optionalString,
  PUBLIC_BASE_URL: url('the address providers call'),
  TWILIO_ACCOUNT_SID: optionalString.refine((v) => v === undefined || /^AC[0-9a-fA-F]{32}$/.test(v), {
    message: 'must look like AC followed by 32 hex digits',
  }),
  TWILIO_AUTH_TOKEN: optionalString,
  TWILIO_FROM: optionalString.refine((v) => v === undefined || /^\+[1-9]\d{6,14}$/.test(v), {
    message: 'must be an E.164 number such as +15005550006',
  }),
  TWILIO_MESSAGING_SERVICE_SID: optionalString.refine((v) => v === undefined || /^MG[0-9a-fA-F]{32}$/.test(v), {
    message: 'must look like MG followed by 32 hex digits',
  }),
  ALIYUN_ACCESS_KEY_ID: optionalString,
  ALIYUN_ACCESS_KEY_SECRET: optionalString,
  ALIYUN_SMS_SIGN_NAME: optionalString,
  ALIYUN_SMS_ENDPOINT: optionalString.refine((v) => v === undefined || /^[A-Za-z0-9.-]+(:\d{1,5})?$/.test(v), {
    message: 'must be host[:port]',
  }),
  ALIYUN_SMS_PROTOCOL: optionalString.refine((v) => v === undefined || v === 'https' || v === 'http', {
    message: 'must be https or http',
  }),
  ALIYUN_CALLBACK_TOKEN: optionalString,
  ALIYUN_SMS_TEMPLATES: optionalString,
  DEFAULT_LOCALE: optionalString.refine((v) => v === undefined || (SUPPORTED_LOCALES as readonly string[]).includes(v), {
    message: `must be one of ${SUPPORTED_LOCALES.join(', ')}`,
  }),
  ADMIN_TOKEN: optionalString.refine((v) => v === undefined || v.length >= 16, {
    message: 'must be at least 16 characters',
  }),
  LOG_LEVEL: optionalString.refine(
    (v) => v === undefined || ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(v),
    { message: 'must be one of fatal, error, warn, info, debug, trace, silent' },
  ),
  TRANSCRIPT_RETENTION_DAYS: optionalString.refine((v) => v === undefined || /^\d{1,4}$/.test(v), {
    message: 'must be a whole number of days',
  }),
});

export interface TwilioConfig {
  accountSid: string;
  authToken: string;
  from?: string;
  messagingServiceSid?: string;
}

export interface AliyunConfig {
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
  endpoint: string;
  protocol: 'https' | 'http';
  callbackToken: string;
  /** A JSON file with the deployment's approved template codes, replacing data/sms-templates.json. */
  templatesFile?: string;
}

export interface Config {
  env: string;
  port: number;
  mongodbUri?: string;
  botFramework: {
    MicrosoftAppId: string;
    MicrosoftAppPassword: string;
    MicrosoftAppType: string;
    MicrosoftAppTenantId: string;
  };
  publicBaseUrl?: string;
  twilio?: TwilioConfig;
  aliyun?: AliyunConfig;
  defaultLocale: Locale;
  adminToken?: string;
  logLevel: string;
  transcriptRetentionDays: number;
}

export class ConfigError extends Error {
  constructor(public readonly variable: string, detail: string) {
    super(`Invalid configuration: ${variable} ${detail}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** Requires either all or none of a group of variables; returns true when the group is on. */
function group(env: z.infer<typeof schema>, required: (keyof z.infer<typeof schema>)[], feature: string): boolean {
  const present = required.filter((k) => env[k] !== undefined);
  if (present.length === 0) return false;
  const missing = required.filter((k) => env[k] === undefined);
  if (missing.length > 0) {
    throw new ConfigError(String(missing[0]), `is required when ${feature} is configured (${present.join(', ')} set)`);
  }
  return true;
}

export function loadConfig(env: Env = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(String(issue.path[0] ?? 'environment'), issue.message);
  }
  const e = parsed.data;

  let twilio: TwilioConfig | undefined;
  if (group(e, ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN'], 'Twilio')) {
    if (!e.TWILIO_FROM && !e.TWILIO_MESSAGING_SERVICE_SID) {
      throw new ConfigError('TWILIO_FROM', 'or TWILIO_MESSAGING_SERVICE_SID is required when Twilio is configured');
    }
    if (!e.PUBLIC_BASE_URL) {
      throw new ConfigError('PUBLIC_BASE_URL', 'is required when Twilio is configured (signatures are checked against it)');
    }
    twilio = {
      accountSid: e.TWILIO_ACCOUNT_SID!,
      authToken: e.TWILIO_AUTH_TOKEN!,
      from: e.TWILIO_FROM,
      messagingServiceSid: e.TWILIO_MESSAGING_SERVICE_SID,
    };
  }

  let aliyun: AliyunConfig | undefined;
  if (
    group(
      e,
      ['ALIYUN_ACCESS_KEY_ID', 'ALIYUN_ACCESS_KEY_SECRET', 'ALIYUN_SMS_SIGN_NAME', 'ALIYUN_CALLBACK_TOKEN'],
      'Alibaba Cloud SMS',
    )
  ) {
    aliyun = {
      accessKeyId: e.ALIYUN_ACCESS_KEY_ID!,
      accessKeySecret: e.ALIYUN_ACCESS_KEY_SECRET!,
      signName: e.ALIYUN_SMS_SIGN_NAME!,
      endpoint: e.ALIYUN_SMS_ENDPOINT ?? 'dysmsapi.aliyuncs.com',
      protocol: (e.ALIYUN_SMS_PROTOCOL ?? 'https') as 'https' | 'http',
      callbackToken: e.ALIYUN_CALLBACK_TOKEN!,
      templatesFile: e.ALIYUN_SMS_TEMPLATES,
    };
  }

  if (e.MicrosoftAppId && !e.MicrosoftAppPassword && e.MicrosoftAppType !== 'UserAssignedMSI') {
    throw new ConfigError('MicrosoftAppPassword', 'is required when MicrosoftAppId is set');
  }

  return {
    env: e.NODE_ENV ?? 'development',
    port: e.PORT,
    mongodbUri: e.MONGODB_URI,
    botFramework: {
      MicrosoftAppId: e.MicrosoftAppId ?? '',
      MicrosoftAppPassword: e.MicrosoftAppPassword ?? '',
      MicrosoftAppType: e.MicrosoftAppType ?? 'MultiTenant',
      MicrosoftAppTenantId: e.MicrosoftAppTenantId ?? '',
    },
    publicBaseUrl: e.PUBLIC_BASE_URL?.replace(/\/+$/, ''),
    twilio,
    aliyun,
    defaultLocale: (e.DEFAULT_LOCALE ?? 'zh-CN') as Locale,
    adminToken: e.ADMIN_TOKEN,
    logLevel: e.LOG_LEVEL ?? 'info',
    transcriptRetentionDays: e.TRANSCRIPT_RETENTION_DAYS ? Number(e.TRANSCRIPT_RETENTION_DAYS) : 90,
  };
}

/**
 * Reads `.env` from the working directory when present. Real environment variables win
 * over the file, as operators expect.
 */
export function loadEnvironment(cwd: string = process.cwd(), env: Env = process.env): Env {
  const file = path.join(cwd, '.env');
  if (!fs.existsSync(file)) return { ...env };
  const fromFile = parseDotenv(fs.readFileSync(file));
  return { ...fromFile, ...env };
}

/** A test-config helper: the contract defaults with overrides, never reading process.env. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({}), env: 'test', logLevel: 'silent', ...overrides };
}
