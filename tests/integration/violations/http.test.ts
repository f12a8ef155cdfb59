// The violation lookup over the real HTTP app (Bot Framework /api/messages, expectReplies) and
// the plate-type question when one verified plate number covers two vehicles.
import { Readable } from 'node:stream';
import { createChatSession } from '../../../src/channels/local/chatSession';
import { importRecords } from '../../../src/storage/importer';
import { message, say, startTestApp, type TestApp } from '../../support/app';
import { useTestMongo, type TestMongo } from '../../support/mongo';

describe('violation lookup over HTTP', () => {
  let mongo: TestMongo;
  let app: TestApp;

  beforeAll(async () => {
    mongo = await useTestMongo();
    app = await startTestApp(mongo, { runtime: { seed: true, now: () => new Date('2026-11-27T02:00:00.000Z') } });
  });
  afterAll(async () => {
    await app.close();
    await mongo.close();
  });

  it('en chat: a stranger verifies with the engine number and reads a record', async () => {
    const opts = { user: 'http-en-1', locale: 'en' };
    expect(await say(app.url, message('2', opts))).toEqual([expect.stringMatching(/^What would you like to look up\?/)]);
    expect(await say(app.url, message('赣GD12345', opts))).toEqual([expect.stringContaining('engine number of 赣GD12345')]);
    expect(await say(app.url, message('tz220xs108734', opts))).toEqual([
      expect.stringMatching(/^赣GD12345: 2 outstanding violations, fines 400 yuan, 9 points in total\. Reply with a number for details:\n1\. 2026-11-05 九江市 浔阳路与庾亮南路口: 机动车逆向行驶的, 200 yuan, 3 pts\n2\. /),
    ]);
    const [detail, next] = await say(app.url, message('1', opts));
    expect(detail).toBe(
      '2026-11-05 10:20 九江市 浔阳路与庾亮南路口\n机动车逆向行驶的 (code 1042)\nFine 200 yuan, 3 points; on-the-spot ticket, not processed.\n' +
        'This is an on-the-spot ticket already decided by the officer; it cannot be processed online.',
    );
    expect(next).toMatch(/^What else would you like to know\?\n1\. How to process and pay\n2\. How to object\n3\. Other violations$/);
  });

  it('zh-CN chat: an unknown plate is asked for the VIN like any other, and refused the same way', async () => {
    const opts = { user: 'http-zh-1', locale: 'zh-CN' };
    await say(app.url, message('2', opts));
    expect(await say(app.url, message('赣G00000', opts))).toEqual([expect.stringContaining('请回复赣G00000的车架号（VIN）后6位')]);
    expect(await say(app.url, message('184825', opts))).toEqual([expect.stringMatching(/^车牌号与车架号\/发动机号不符，无法查询。/)]);
  });

  it('asks the plate type only after verification, when the owner has two vehicles under one number', async () => {
    const extra = JSON.stringify({ plate: '赣G12345', plateType: '01', vin: 'LZZ1BLSB5KN028913', engineNo: 'KN028913', ownerName: '张三', ownerPhone: '+8613800138000', registeredAt: '2021-01-05', nextInspectionDue: '2027-01-31' });
    const res = await importRecords(app.rt.db.models, 'vehicles', Readable.from([`${extra}\n`]));
    expect(res.inserted).toBe(1);
    const chat = createChatSession(app.rt, { channelId: 'sms-cli', user: '+8613800138000' });
    await chat.send('2');
    expect(await chat.send('赣G12345')).toEqual(['赣G12345对应多辆车，请选择号牌种类：\n1.大型汽车（黄牌）\n2.小型汽车（蓝牌）']);
    expect((await chat.send('蓝牌'))[0]).toMatch(/^赣G12345待处理违法7条/);
    await chat.send('菜单');
    await chat.send('2');
    await chat.send('赣G12345');
    expect(await chat.send('1')).toEqual(['赣G12345目前没有待处理的违法记录。', expect.stringMatching(/^还需要办理什么？/)]);
    // A stranger's VIN picks out one vehicle: no question, and nothing about the other one.
    const stranger = createChatSession(app.rt, { channelId: 'sms-cli', user: '+8613933334444' });
    await stranger.send('2');
    await stranger.send('赣G12345');
    expect((await stranger.send('028913'))[0]).toBe('赣G12345目前没有待处理的违法记录。');
    await app.rt.db.models.Vehicle.deleteOne({ plate: '赣G12345', plateType: '01' });
  });
});
