// Licence and vehicle walkthroughs and window appointments as drivers meet them, through the whole
// pipeline (menu, commands, state in MongoDB), over SMS and chat, in Chinese and English.
import type { Runtime } from '../../src/runtime';
import { createChatSession, type ChatSession } from '../../src/channels/local/chatSession';
import { segmentCount } from '../../src/services/messaging/segments';
import { startTestRuntime } from '../support/app';
import { useTestMongo } from '../support/mongo';

type Expect = string | RegExp;
type Step = [user: string, expected: Expect[]];

const NOW = new Date('2026-11-27T10:00:00+08:00'); // a Friday; the first bookable day is Monday 30 Nov
const LICENCE_HOLDER = '+8613800138000'; // demo licence valid until 2026-12-20, 3 points (data/seed)
const MENU_ZH = /^还需要办理什么？/;
const MENU_EN = /^Anything else\?/;

async function play(chat: ChatSession, steps: Step[], sms: boolean): Promise<string[][]> {
  const all: string[][] = [];
  for (const [user, expected] of steps) {
    const replies = await chat.send(user);
    all.push(replies);
    expect({ user, replies }).toEqual({ user, replies: expected.map((e) => (typeof e === 'string' ? expect.stringContaining(e) : expect.stringMatching(e))) });
    if (sms) for (const r of replies) expect({ user, reply: r, segments: segmentCount(r) <= 3 }).toEqual({ user, reply: r, segments: true });
  }
  return all;
}

const refIn = (text: string) => /(?:预约号|Reference )([A-Z2-9]{6})/.exec(text)?.[1] ?? '';

describe('licence and vehicle services (chat pipeline, SMS rendering)', () => {
  let mongo: Awaited<ReturnType<typeof useTestMongo>>;
  let rt: Runtime;

  beforeAll(async () => {
    mongo = await useTestMongo();
    rt = await startTestRuntime(mongo, { runtime: { now: () => NOW, seed: true } });
  });
  afterAll(async () => {
    await rt.close();
    await mongo.close();
  });

  it('zh-CN SMS: a verified licence holder is answered from their record, then reads the materials and fees', async () => {
    const chat = createChatSession(rt, { locale: 'zh-CN', user: LICENCE_HOLDER });
    await play(chat, [
      ['3', [/^请选择驾驶证业务，回复数字：\n1\.驾驶证期满换证\n2\.驾驶证遗失补证[\s\S]*\d\.更多业务\n\d\.我的预约/]],
      // Too long for one message with the menu: the answer goes first, the menu follows.
      ['驾照下个月到期', [
        /^“驾驶证期满换证”：\n据您登记的驾驶证：有效期至2026年12月20日，还有23天；本记分周期已记3分。\n您的驾驶证2026年12月20日到期，还剩23天，现在可以申请期满换证。\n年满70岁/,
        /^还想了解什么？回复数字：\n1\.所需材料 2\.费用 3\.办理时限 4\.12123 APP办理步骤 5\.窗口办理说明 6\.办理时长\n/,
      ]],
      ['1', [/^所需材料：\n1\.本人身份证明[\s\S]*还想了解什么？/]],
      ['费用', [/^费用（以当地为准）：\n驾驶证工本费：约10元，以当地为准/]],
      ['好的', [MENU_ZH]],
    ], true);
  });

  it('zh-CN chat: questions with validation, a date given only to the month, and a driver who cancels', async () => {
    const chat = createChatSession(rt, { locale: 'zh-CN', channelId: 'webchat' });
    await play(chat, [
      ['3', [/^请选择驾驶证业务/]],
      ['我的驾驶证快过期了怎么换', [/^您想办理的是哪一项？回复数字：\n1\.驾驶证期满换证\n2\.恢复驾驶资格\n3\.都不是，看业务列表$/]],
      ['1', [/^办理“驾驶证期满换证”，先确认几个问题（回复“取消”可退出）：\n您的驾驶证有效期到哪一天？\n见驾驶证正面/]],
      ['下礼拜吧', [/^没看懂这个日期，请按“2027-3-5”或“2027年3月5日”的格式回复。\n您的驾驶证有效期到哪一天？/]],
      ['明年', [/^请说到月或具体日期，如“2027年3月”或“2027-3-5”。\n您的驾驶证有效期到哪一天？/]],
      ['不记得了', [/^没关系，可以按下面的提示查一下再回复：\n您的驾驶证有效期到哪一天？\n见驾驶证正面/]],
      ['明年3月', [/^没有具体日子，按2027年3月1日计算。\n您的驾驶证2027年3月1日到期，还有94天。到期前90天内才能申请换证，最早2026年12月1日可以办理。/]],
      ['取消', ['好的，已取消。', /^请回复数字选择服务：/]],
      ['3', [/^请选择驾驶证业务/]],
      ['2', [/^办理“驾驶证遗失补证”[\s\S]*被扣押、扣留或暂扣[\s\S]*\n1\.是\n2\.否/]],
      ['3', [/^请回复1（是）或2（否）。/]],
      ['菜单', [/^请回复数字选择服务：/]],
    ], false);
  });

  it('zh-CN SMS: a new question mid-walkthrough leaves it for the answer, and the menu still works', async () => {
    const chat = createChatSession(rt, { locale: 'zh-CN', user: '+8613911112222' });
    await play(chat, [
      ['3', [/^请选择驾驶证业务/]],
      ['1', [/^办理“驾驶证期满换证”/]],
      ['罚款怎么交', [/^违法处理后会生成处罚决定书，可在交管12123 App在线缴款/, /./]],
      ['菜单', [/^请回复数字选择服务：/]],
      ['4', [/^请选择车辆与号牌业务/]],
      ['绿本丢了', [/^办理“补领、换领机动车登记证书”[\s\S]*\n1\.是\n2\.否/]],
      ['驾照丢了', [/^好的，改为办理“驾驶证遗失补证”。\n/]],
    ], true);
  });

  it('zh-CN SMS: book a window visit, move it and cancel it by SMS with the reference', async () => {
    const chat = createChatSession(rt, { locale: 'zh-CN', user: '+8613922223333' });
    const replies = await play(chat, [
      ['4', [/^请选择车辆与号牌业务/]],
      ['登记证书丢了怎么补', [/^办理“补领、换领机动车登记证书”/]],
      ['2', [/车主本人[\s\S]*还想了解什么？回复数字：\n1\.所需材料[\s\S]*\d\.预约窗口办理/]],
      ['预约', [/^请选择办理地点，回复数字：\n1\.濂溪车驾管服务站（演示）\n2\.九江市车管所（演示）/]],
      ['2', [/^九江市车管所（演示）最近可约的时间，回复数字：\n1\.11月30日周一 09:00\n2\.11月30日周一 09:30[\s\S]*6\.更晚的时间\n想约别的日子/]],
      ['12月2日', [/^九江市车管所（演示）最近可约的时间，回复数字：\n1\.12月2日周三 09:00/]],
      ['1', [/^预约成功，预约号[A-Z2-9]{6}。\n12月2日周三 09:00 九江市车管所（演示），地址：九江市濂溪区示例大道100号\n业务：补领、换领机动车登记证书/, MENU_ZH]],
    ], true);
    const ref = refIn(replies[6]![0]!);
    expect(ref).toHaveLength(6);
    await play(chat, [
      [`改约 ${ref}`, [/^九江市车管所（演示）最近可约的时间/]],
      ['3', [new RegExp(`^已改约，预约号${ref}不变。\\n新时间：11月30日周一 10:00`), MENU_ZH]],
      ['我的预约', [new RegExp(`^您的预约，回复数字查看改约或取消：\\n1\\.${ref} 11月30日周一 10:00 九江市车管所（演示）`)]],
      ['1', [new RegExp(`^预约${ref}：要怎么处理？`)]],
      ['2', [new RegExp(`^${ref} 11月30日周一 10:00[\\s\\S]*确认取消这个预约吗？\\n1\\.确认取消\\n2\\.保留预约`)]],
      ['1', [`预约${ref}已取消。`, MENU_ZH]],
      [`取消预约 ${ref}`, [`预约${ref}已取消或已过期，不能再更改。`, MENU_ZH]],
    ], true);
    expect(await rt.db.models.Appointment.findOne({ ref }).lean()).toMatchObject({ status: 'cancelled', changes: 1, userId: '+8613922223333' });
  });

  it('en chat: recognised from English, answered, and a new question leaves the walkthrough', async () => {
    const chat = createChatSession(rt, { locale: 'en', channelId: 'webchat' });
    await play(chat, [
      ['3', [/^Which licence service\? Reply with a number:\n1\. Driving licence renewal at expiry/]],
      ['My driving licence expires next month', [/^Driving licence renewal at expiry: a few questions first \(reply 'cancel' to stop\)\.\nOn what date does your driving licence expire\?/]],
      ['20 December 2026', [/^Your licence expires on 2026-12-20, 23 days from now\. You can apply for renewal now\.[\s\S]*What else would you like to know\? Reply with a number:\n1\. What to bring\n2\. Fees/]],
      ['2', [/^Fees \(vary by city\):\nLicence card fee: About 10 yuan, varies by city/]],
      ['how do I pay a traffic fine?', [/./, /./]],
      ['menu', [/^Reply with a number to choose:\n1\. Rules and procedures/]],
    ], false);
  });

  it('en SMS: book, reschedule and cancel by reference; every reply within three segments', async () => {
    const chat = createChatSession(rt, { locale: 'en', user: '+8613933334444' });
    const replies = await play(chat, [
      ['4', [/^Which vehicle or plate service\?/]],
      ['I lost my registration certificate', [/^Replacing the vehicle registration certificate: a few questions first/]],
      ['no', [/in person[\s\S]*What else would you like to know\? Reply with a number:\n1\. What to bring 2\. Fees .* \d\. Book a window visit/]],
      ['book', [/^Where would you like to go\? Reply with a number:\n1\. Lianxi Vehicle Service Point \(demo\)\n2\. Jiujiang Vehicle Office \(demo\)/]],
      ['1', [/^Next free times at Lianxi Vehicle Service Point \(demo\)\. Reply with a number:\n1\. Mon 30 Nov 08:30/]],
      ['6', [/^Next free times at Lianxi Vehicle Service Point \(demo\)\. Reply with a number:\n1\. Mon 30 Nov 16:00\n2\. Tue 1 Dec 08:30/]],
      ['2', [/^Booked\. Reference [A-Z2-9]{6}\.\nTue 1 Dec 08:30 Lianxi Vehicle Service Point \(demo\), 66 Example Street/, MENU_EN]],
    ], true);
    const ref = refIn(replies[6]![0]!);
    await play(chat, [
      [`reschedule ${ref.toLowerCase()}`, [/^Next free times at Lianxi/]],
      ['1', [new RegExp(`^Rescheduled; reference ${ref} stays the same\\.\\nNew time: Mon 30 Nov 08:30`), MENU_EN]],
      [`cancel booking ${ref}`, [new RegExp(`^${ref} Mon 30 Nov 08:30[\\s\\S]*Cancel this appointment\\?\\n1\\. Yes, cancel\\n2\\. Keep it`)]],
      ['2', [`OK, appointment ${ref} stays as it is.`, MENU_EN]],
      ['cancel booking ABCDEF', ['No appointment ABCDEF was found for you.', MENU_EN]],
    ], true);
  });
});
