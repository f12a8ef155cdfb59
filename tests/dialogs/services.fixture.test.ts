// Adding a service is adding a file: a new JSON file in the services folder gives a working
// walkthrough, recognised, asked, concluded and bookable through the dialogs, with no code change.
import { copyFileSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { testConfig } from '../../src/config';
import { createRuntime, type Runtime } from '../../src/runtime';
import { createChatSession } from '../../src/channels/local/chatSession';
import { defaultServicesDir } from '../../src/knowledge/services';
import { composeServices } from '../../src/composition/services';
import { connectDatabase, type Database } from '../../src/storage/database';
import { createLogger } from '../../src/observability/logger';
import { MainDialog } from '../../dialogs/main/MainDialog';
import { useTestMongo } from '../support/mongo';

const t = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const fixture = {
  id: 'disabled-parking-permit',
  category: 'vehicle',
  rank: 2,
  name: t('残疾人专用车停车证明', 'Disabled driver parking permit'),
  synonyms: { 'zh-CN': ['残疾人停车证明', '无障碍停车证', '残疾人专用车停车'], en: ['disabled parking permit', 'accessible parking permit'] },
  audience: t('驾驶残疾人专用车的驾驶人（测试数据）。', 'Drivers of adapted vehicles (test data).'),
  questions: [
    { id: 'holder', type: 'yesno', prompt: t('您持有C5驾驶证吗？', 'Do you hold a C5 licence?') },
    { id: 'cars', type: 'number', min: 0, max: 5, prompt: t('名下有几辆专用车？', 'How many adapted cars are in your name?') },
    { id: 'since', type: 'date', range: 'past', prompt: t('驾驶证哪天领的？', 'When did you get the licence?') },
  ],
  rules: [
    { if: { eq: { fact: 'holder', value: false } }, then: 'no' },
    { if: { num: { fact: 'cars', eq: 0 } }, then: 'no-car' },
    { then: 'ok' },
  ],
  outcomes: {
    no: { kind: 'not-possible', text: t('仅限C5驾驶人申请。', 'For C5 licence holders only.') },
    'no-car': { kind: 'not-possible', text: t('名下没有专用车，不能申请。', 'No adapted car in your name, so you cannot apply.') },
    ok: { kind: 'window', text: t('驾驶证已领{since.daysSince}天，请到车管所窗口申请。', 'Licence held {since.daysSince} days: apply at a vehicle office window.') },
  },
  materials: [t('身份证和驾驶证。', 'ID card and licence.')],
  fees: [{ item: t('证明', 'Permit'), amount: t('免费', 'Free'), local: false }],
  timeLimits: [],
  appSteps: [t('到车管所窗口提交申请。', 'Apply at a vehicle office window.')],
  window: { needed: 'yes', why: t('需要核验车辆。', 'The car is checked.') },
  processing: t('当场办结。', 'Done on the spot.'),
  sources: [{ title: '测试数据（非真实业务）' }],
  checked: '2026-11-27',
};

describe('a service added as a JSON file works through the dialogs', () => {
  let mongo: Awaited<ReturnType<typeof useTestMongo>>;
  let db: Database;
  let rt: Runtime;
  const now = () => new Date('2026-11-27T10:00:00+08:00');

  beforeAll(async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'services-'));
    for (const f of readdirSync(defaultServicesDir()).filter((f) => f.endsWith('.json'))) copyFileSync(path.join(defaultServicesDir(), f), path.join(dir, f));
    writeFileSync(path.join(dir, `${fixture.id}.json`), JSON.stringify(fixture, null, 2));
    mongo = await useTestMongo();
    const logger = createLogger('silent');
    db = await connectDatabase({ uri: mongo.uri, dbName: mongo.dbName, logger });
    rt = await createRuntime(testConfig({ mongodbUri: mongo.uri }), {
      dbName: mongo.dbName,
      now,
      seed: true,
      logger,
      rootDialog: (say) => {
        const services = composeServices({ say, models: db.models, logger, now, servicesDir: dir });
        return new MainDialog({ say, features: { licence: services.licenceDialog, vehicle: services.vehicleDialog }, router: services.router });
      },
    });
  });
  afterAll(async () => {
    await rt.close();
    await db.close();
    await mongo.close();
  });

  it('zh-CN: listed, recognised, asked with validation, concluded and booked', async () => {
    const chat = createChatSession(rt, { locale: 'zh-CN', user: '+8613944445555' });
    expect((await chat.send('4'))[0]).toMatch(/\n2\.残疾人专用车停车证明\n/);
    expect(await chat.send('我想办无障碍停车证')).toEqual([expect.stringMatching(/^办理“残疾人专用车停车证明”，先确认几个问题.*\n您持有C5驾驶证吗？\n1\.是\n2\.否$/s)]);
    expect(await chat.send('是的')).toEqual(['名下有几辆专用车？']);
    expect(await chat.send('9')).toEqual(['这个数不能大于5，请重新回复。\n名下有几辆专用车？']);
    expect(await chat.send('一')).toEqual(['驾驶证哪天领的？\n日期可写作“2027-3-5”“2027年3月5日”或“明年3月”。']);
    expect((await chat.send('2027年3月5日'))[0]).toMatch(/^这个日期还没到/);
    const [concluded] = await chat.send('2026-1-10');
    expect(concluded).toMatch(/^驾驶证已领321天，请到车管所窗口申请。\n还想了解什么？回复数字：\n1\.所需材料 2\.费用 /);
    expect(concluded).toMatch(/\d\.预约窗口办理/);
    expect((await chat.send('预约'))[0]).toMatch(/^九江市车管所（演示）最近可约的时间/);
    expect((await chat.send('1'))[0]).toMatch(/^预约成功，预约号[A-Z2-9]{6}。[\s\S]*业务：残疾人专用车停车证明/);
  });

  it('en: the same file speaks English and can say no', async () => {
    const chat = createChatSession(rt, { locale: 'en', channelId: 'webchat' });
    await chat.send('4');
    expect((await chat.send('how do I get a disabled parking permit'))[0]).toMatch(/^Disabled driver parking permit: a few questions first/);
    expect(await chat.send('no')).toEqual(['For C5 licence holders only.', expect.stringMatching(/^Anything else\?/)]);
  });
});
