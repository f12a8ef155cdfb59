// Violation and points lookups as drivers have them, over SMS (sender phone, SMS rendering)
// and chat, in zh-CN and en, on the demo records of data/seed and a fixed clock.
import type { Runtime } from '../../src/runtime';
import { createChatSession, type ChatSession } from '../../src/channels/local/chatSession';
import { startTestRuntime } from '../support/app';
import { useTestMongo, type TestMongo } from '../support/mongo';

type Expect = string | RegExp;
type Step = [user: string, expected: Expect[]];

/** 2026-11-27 10:00 in Shanghai. */
const NOW = new Date('2026-11-27T02:00:00.000Z');

/** SMS segments of a text: GSM-7 160/153, otherwise UCS-2 70/67. */
export function segments(text: string): number {
  const chars = Array.from(text);
  const gsm = /^[\x20-\x7e\n\r£¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ¡ÄÖÑÜ§¿äöñüà]*$/.test(text);
  const [single, multi] = gsm ? [160, 153] : [70, 67];
  return chars.length <= single ? 1 : Math.ceil(chars.length / multi);
}

async function play(chat: ChatSession, steps: Step[], sms: boolean): Promise<string[][]> {
  const all: string[][] = [];
  for (const [user, expected] of steps) {
    const replies = await chat.send(user);
    all.push(replies);
    expect({ user, count: replies.length, replies }).toMatchObject({ user, count: expected.length });
    expected.forEach((e, i) => {
      if (typeof e === 'string') expect(replies[i]).toContain(e);
      else expect(replies[i]).toMatch(e);
    });
    if (sms) for (const reply of replies) expect({ user, reply, withinThreeSegments: segments(reply) <= 3 }).toEqual({ user, reply, withinThreeSegments: true });
  }
  return all;
}

const MENU_AGAIN = /^还需要办理什么？/;
const MENU_AGAIN_EN = /^Anything else\?/;

describe('violation lookup transcripts', () => {
  let mongo: TestMongo;
  let rt: Runtime;
  let clock = NOW;

  beforeAll(async () => {
    mongo = await useTestMongo();
    rt = await startTestRuntime(mongo, { runtime: { seed: true, now: () => clock } });
  });
  afterAll(async () => {
    await rt.close();
    await mongo.close();
  });
  beforeEach(() => {
    clock = NOW;
  });

  const sms = (user: string, locale: 'zh-CN' | 'en' = 'zh-CN', channelId = 'sms-cli') => createChatSession(rt, { channelId, user, locale });
  const chat = (user: string, locale: 'zh-CN' | 'en' = 'zh-CN') => createChatSession(rt, { channelId: 'test', user, locale });

  it('zh-CN SMS: the owner phone sees the list at once (no VIN asked), 3 a page, pages turn, one record in full', async () => {
    await play(
      sms('+8613800138000'),
      [
        ['2', [/^请选择要查询的内容.*\n1\.车辆违法记录\n2\.驾驶证记分$/s]],
        ['1', ['请发送车牌号码']],
        [
          '赣G12345',
          [/^赣G12345待处理违法7条，罚款共950元，记分共11分（第1\/3页）。回复序号看详情：\n1\.11-10 浔阳东路步行街口 .*150元0分\n2\.11-02 十里大道与九龙街口 机动车违反禁止标线指示的 100元1分\n3\.10-03 .*200元6分\n4\.下一页$/s],
        ],
        ['4', [/（第2\/3页）.*\n1\.09-21 .*\n2\.08-15 .*200元3分\n3\.07-28 .*50元1分\n4\.下一页$/s]],
        ['下一页', [/（第3\/3页）.*\n1\.06-30 八里湖新区琵琶湖路 .*150元0分\n2\.回到第一页$/s]],
        ['2', [/（第1\/3页）/]],
        [
          '3',
          [
            /^2026-10-03 08:15 九江市 长江大道与浔阳路口\n驾驶机动车违反道路交通信号灯通行的（代码1625）\n罚款200元，记6分；电子监控记录，未处理。\n这条可以在交管12123 App网上处理。$/,
            /^还需要了解什么？\n1\.怎么处理和缴款\n2\.有异议怎么办\n3\.看其他违法$/,
          ],
        ],
        ['1', [/^网上处理：打开交管12123 App.*\n处罚决定作出后15日内缴款；逾期每日加处罚款3%/s, /^还需要了解什么？/]],
        ['2', [/^有异议：.*交通违法消除\/异议.*5个工作日.*\n对处罚决定不服，可在60日内申请行政复议，或6个月内提起行政诉讼。$/s, /^还需要了解什么？/]],
        ['3', [/（第1\/3页）/]],
        ['菜单', [/^请回复数字选择服务/]],
      ],
      true,
    );
  });

  it('zh-CN SMS: a stranger with the right VIN; an overdue fine with its late fee so far', async () => {
    await play(
      sms('+8613911110001'),
      [
        ['2', [/^请选择要查询的内容/]],
        ['赣G34567', ['为保护车主隐私，请回复赣G34567车架号后6位或发动机号后6位（见行驶证）。车主用登记的手机号发短信查询可免验证。']],
        ['lvshffac9ks204519', [/^赣G34567待处理违法2条，罚款共300元，记分共1分。回复序号看详情：\n1\.11-18 浔阳东路 机动车违反禁止标线指示的 100元1分\n2\.10-09 .* 待缴200元$/s]],
        [
          '2',
          [
            /罚款200元，记6分；电子监控记录，已处理未缴款。\n缴款期限2026-11-04已过23天，已加处罚款138元，现需缴338元；/,
            /^还需要了解什么？/,
          ],
        ],
        ['怎么缴款', [/^缴款：打开交管12123 App，进入“罚款缴纳”.*\n缴款期限2026-11-04已过23天，已加处罚款138元，现需缴338元/s, /^还需要了解什么？/]],
      ],
      true,
    );
  });

  it('zh-CN SMS: the late fee stops growing at the fine itself', async () => {
    clock = new Date('2027-01-10T02:00:00.000Z');
    await play(
      sms('+8613600136000'),
      [
        ['2', [/^请选择/]],
        ['赣G34567', [/待处理违法2条/]],
        ['2', [/缴款期限2026-11-04已过67天，加处罚款已到上限200元，现需缴400元。/, /^还需要了解什么？/]],
      ],
      true,
    );
  });

  it('zh-CN SMS: a wrong VIN gets exactly the answer an unknown plate gets', async () => {
    const known = await play(sms('+8613911110002'), [['2', [/^请选择/]], ['赣G34567', [/赣G34567车架号后6位/]], ['123456', [/^车牌号与车架号\/发动机号不符，无法查询。/]]], true);
    const unknown = await play(sms('+8613911110003'), [['2', [/^请选择/]], ['赣G99999', [/赣G99999车架号后6位/]], ['123456', [/^车牌号与车架号\/发动机号不符，无法查询。/]]], true);
    expect(unknown[1]?.[0]?.replace('赣G99999', '赣G34567')).toBe(known[1]?.[0]);
    expect(unknown[2]).toEqual(known[2]);
  });

  it('zh-CN SMS: no outstanding violations', async () => {
    await play(sms('+8613900139000'), [['2', [/^请选择/]], ['赣G23456', ['赣G23456目前没有待处理的违法记录。', MENU_AGAIN]]], true);
  });

  it('zh-CN SMS: records that cannot be processed online say why, and where to go instead', async () => {
    await play(
      sms('+8613700137000'),
      [
        ['2', [/^请选择/]],
        ['赣GD12345', [/^赣GD12345待处理违法2条，罚款共400元，记分共9分。回复序号看详情：\n1\.11-05 .*200元3分\n2\.10-26 .*200元6分$/s]],
        ['1', [/现场处罚，未处理。\n这条是现场处罚记录，已由民警当场作出决定，不能在网上处理。$/, /^还需要了解什么？/]],
        ['1', [/^请带驾驶证、行驶证到交管业务窗口处理/, /^还需要了解什么？/]],
        ['2', [/^异议消除申请只适用于电子监控记录.*\n对处罚决定不服/s, /^还需要了解什么？/]],
        ['3', [/待处理违法2条/]],
        ['2', [/电子监控记录，未处理。\n交管系统显示这条记录暂不能网上处理，请到交管业务窗口办理。$/, /^还需要了解什么？/]],
      ],
      true,
    );
  });

  it('zh-CN SMS: a record that would bring the licence to 12 points must go to a window', async () => {
    await play(
      sms('+8613500135000'),
      [
        ['2', [/^请选择/]],
        ['赣G56789', [/待处理违法2条/]],
        ['2', [/记3分；电子监控记录，未处理。\n处理后本记分周期累计将达到12分，需要到交管业务窗口处理。$/, /^还需要了解什么？/]],
      ],
      true,
    );
  });

  it('zh-CN SMS: the plate may come in the first message to the violations dialog', async () => {
    await play(sms('+8613800138000', 'zh-CN', 'sms-twilio'), [['2', [/^请选择/]], ['查一下赣g 12345的违章', [/^赣G12345待处理违法7条/]]], true);
  });

  it('zh-CN SMS: points of the sender\'s own licence, no number asked', async () => {
    await play(
      sms('+8613500135000', 'zh-CN', 'sms-aliyun'),
      [
        ['2', [/^请选择/]],
        ['记分', ['驾驶证（尾号7765，C1）本记分周期2026-08-08至2027-08-07，已记9分，距12分还差3分。\n已接近12分，再记3分即满分；', MENU_AGAIN]],
      ],
      true,
    );
  });

  it('zh-CN chat: points of a licence verified by its first-issue date', async () => {
    await play(
      chat('chat-points-1'),
      [
        ['2', [/^请选择/]],
        ['2', ['请发送驾驶证号']],
        ['360421199001011234', ['请回复这本驾驶证的初次领证日期']],
        ['2016年6月1日', [/^驾驶证（尾号1234，C1）本记分周期2026-06-01至2027-05-31，已记3分，距12分还差9分。\n违法全部处理完且不满12分时，可参加学法减分/, MENU_AGAIN]],
      ],
      false,
    );
  });

  it('zh-CN chat: a chat user is always asked for the VIN, even with the owner\'s phone as id', async () => {
    await play(
      chat('+8613800138000'),
      [
        ['2', [/^请选择/]],
        ['赣G12345', ['为保护车主隐私，请回复赣G12345的车架号（VIN）后6位或发动机号后6位，行驶证上可以查到。']],
        ['C218482', [/^赣G12345待处理违法7条，罚款共950元，记分共11分（第1\/2页）。回复序号看详情：\n1\.2026-11-10 九江市 浔阳东路步行街口 机动车违反规定停放、临时停车且驾驶人不在现场，妨碍其他车辆、行人通行的 150元0分\n(.*\n){4}6\.下一页$/]],
      ],
      false,
    );
  });

  it('en SMS: the owner phone, pages, and a record in English around the record text', async () => {
    await play(
      sms('+8613800138000', 'en', 'sms-aliyun'),
      [
        ['2', [/^What would you like to look up\?.*\n1\. A vehicle's violations\n2\. Points on a licence$/s]],
        ['赣G12345', [/^赣G12345: 7 to settle, ¥950, 11 pts \(p\.1\/3\)\. Reply a number:\n1\. 11-10 浔阳东路步行街口 .*¥150 0pt\n(.*\n){2}4\. Next page$/]],
        ['next', [/\(p\.2\/3\)/]],
        ['1', [/^2026-09-21 15:30 九江市 九江大道K12\+300\n.*\(code 1303\)\nFine 100 yuan, 0 points; camera record, not processed\.\nIt can be processed online in the 12123 app\.$/, /^What else would you like to know\?/]],
        ['中文', ['已切换为中文。', /^还需要了解什么？\n1\.怎么处理和缴款/]],
      ],
      true,
    );
  });

  it('en chat: a stranger with the right VIN, an overdue fine; a language switch re-asks in English', async () => {
    await play(
      chat('chat-en-1', 'en'),
      [
        ['2', [/^What would you like to look up\?/]],
        ['1', ['Please send the plate number']],
        ['赣G34567', ['To protect the owner\'s privacy, reply with the last 6 characters of the VIN or of the engine number of 赣G34567']],
        ['中文', ['已切换为中文。', '为保护车主隐私，请回复赣G34567的车架号（VIN）后6位']],
        ['English', ['Switched to English.', 'To protect the owner\'s privacy']],
        ['204519', [/^赣G34567: 2 outstanding violations, fines 300 yuan, 1 points in total\. Reply with a number for details:/]],
        ['2', [/Fine 200 yuan, 6 points; camera record, processed, fine unpaid\.\nThe deadline 2026-11-04 passed 23 days ago: late fee so far 138 yuan, 338 yuan due now\./, /^What else would you like to know\?/]],
        ['3', [/2 outstanding violations/]],
      ],
      false,
    );
  });

  it('en SMS: a wrong VIN and an unknown plate get the same answer; then the menu', async () => {
    const a = await play(sms('+8613911110004', 'en'), [['2', [/^What would/]], ['赣G12345', [/VIN or engine number of 赣G12345/]], ['654321', [/^The plate and the VIN or engine number do not match/]]], true);
    const b = await play(sms('+8613911110005', 'en'), [['2', [/^What would/]], ['赣G77777', [/VIN or engine number of 赣G77777/]], ['654321', [/^The plate and the VIN or engine number do not match/]]], true);
    expect(b[2]).toEqual(a[2]);
  });

  it('en SMS: no outstanding violations', async () => {
    await play(sms('+8613900139000', 'en', 'sms-twilio'), [['2', [/^What would/]], ['赣G23456', ['赣G23456 has no outstanding violations.', MENU_AGAIN_EN]]], true);
  });

  it('treats MongoDB operators in messages as text, never as a query', async () => {
    await play(
      sms('+8613911110006'),
      [
        ['2', [/^请选择/]],
        ['{"$gt": ""}', [/^请回复1或2，或直接发送车牌号/]],
        ['1', ['请发送车牌号码']],
        ['{"plate": {"$ne": null}}', [/^没有认出车牌号码/]],
        ['赣G12345', [/车架号后6位/]],
        ['{"$gt": ""}', ['请回复车架号或发动机号的后6位字母和数字']],
        ['{"$where": "return true"}', [/^车牌号与车架号\/发动机号不符/]],
      ],
      true,
    );
    expect(await rt.db.models.Vehicle.countDocuments()).toBe(5);
  });
});
