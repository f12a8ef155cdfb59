import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig, loadEnvironment } from '../../../src/config';

describe('configuration', () => {
  it('uses the contract defaults when nothing is set', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3978);
    expect(c.mongodbUri).toBeUndefined();
    expect(c.defaultLocale).toBe('zh-CN');
    expect(c.logLevel).toBe('info');
    expect(c.botFramework.MicrosoftAppId).toBe('');
    expect(c.twilio).toBeUndefined();
    expect(c.aliyun).toBeUndefined();
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ MONGODB_URI: 'postgres://x' }, 'MONGODB_URI'],
    [{ DEFAULT_LOCALE: 'fr' }, 'DEFAULT_LOCALE'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ PUBLIC_BASE_URL: 'not a url' }, 'PUBLIC_BASE_URL'],
    [{ ALIYUN_SMS_PROTOCOL: 'ftp' }, 'ALIYUN_SMS_PROTOCOL'],
    [{ TWILIO_ACCOUNT_SID: 'AC' + '0'.repeat(32) }, 'TWILIO_AUTH_TOKEN'],
    [{ MicrosoftAppId: 'abc' }, 'MicrosoftAppPassword'],
    [{ ADMIN_TOKEN: 'short' }, 'ADMIN_TOKEN'],
  ])('a bad value stops with one line naming the variable (%o)', (env, variable) => {
    let error: unknown;
    try {
      loadConfig(env as Record<string, string>);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(variable);
    expect((error as Error).message).toContain(variable);
    expect((error as Error).message.split('\n')).toHaveLength(1);
  });

  it('turns Twilio on only with all its variables', () => {
    const c = loadConfig({
      TWILIO_ACCOUNT_SID: 'AC' + 'a'.repeat(32),
      TWILIO_AUTH_TOKEN: 'secret',
      TWILIO_FROM: '+15005550006',
      PUBLIC_BASE_URL: 'https://bot.example.org/',
    });
    expect(c.twilio).toEqual({ accountSid: 'AC' + 'a'.repeat(32), authToken: 'secret', from: '+15005550006', messagingServiceSid: undefined });
    expect(c.publicBaseUrl).toBe('https://bot.example.org');
  });

  it('reads .env but lets the real environment win', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cfg-'));
    fs.writeFileSync(path.join(dir, '.env'), 'PORT=4000\nLOG_LEVEL=debug\n');
    const env = loadEnvironment(dir, { LOG_LEVEL: 'warn' });
    const c = loadConfig(env);
    expect(c.port).toBe(4000);
    expect(c.logLevel).toBe('warn');
  });
});
