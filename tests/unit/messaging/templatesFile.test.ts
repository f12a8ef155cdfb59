import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../../src/config';
import { loadSmsTemplates } from '../../../src/composition/messaging';
import defaults from '../../../data/sms-templates.json';

describe('Alibaba Cloud template codes overridden by configuration', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tpl-'));

  it('reads ALIYUN_SMS_TEMPLATES into the Aliyun configuration', () => {
    const c = loadConfig({
      ALIYUN_ACCESS_KEY_ID: 'id',
      ALIYUN_ACCESS_KEY_SECRET: 'secret',
      ALIYUN_SMS_SIGN_NAME: '交管助手',
      ALIYUN_CALLBACK_TOKEN: 'token',
      ALIYUN_SMS_TEMPLATES: '/etc/jiaoguan/templates.json',
    });
    expect(c.aliyun?.templatesFile).toBe('/etc/jiaoguan/templates.json');
  });

  it('uses the deployment file, with its approved codes, instead of the repository one', () => {
    const own = JSON.parse(JSON.stringify(defaults).replace(/SMS_4800001/g, 'SMS_9999990'));
    const file = path.join(dir, 'ok.json');
    fs.writeFileSync(file, JSON.stringify(own));
    expect(JSON.stringify(loadSmsTemplates(file))).toContain('SMS_9999990');
    expect(JSON.stringify(loadSmsTemplates())).not.toContain('SMS_9999990');
  });

  it('stops with an error naming the variable when the file is missing or malformed', () => {
    expect(() => loadSmsTemplates(path.join(dir, 'missing.json'))).toThrow(ConfigError);
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(bad, '{"groups": {}}');
    let err: unknown;
    try {
      loadSmsTemplates(bad);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).variable).toBe('ALIYUN_SMS_TEMPLATES');
  });
});
