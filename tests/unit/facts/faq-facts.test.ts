// The facts most likely to be wrong, pinned against the regulations (sources in each entry and in
// ../shared/reference/domain.md). A change here must come with a changed rule, not a typo.
import { loadFaqKnowledgeBase } from '../../../src/knowledge/faq';

const kb = loadFaqKnowledgeBase();
const answer = (locale: 'zh-CN' | 'en', id: string) => {
  const e = kb.get(locale, id);
  if (!e) throw new Error(`no FAQ entry ${id} in ${locale}`);
  return `${e.answer} ${e.detail ?? ''}`;
};

describe('facts the FAQ must get right', () => {
  it('renewal: within 90 days before expiry (162 Art.62)', () => {
    expect(answer('zh-CN', 'licence.renewal.window')).toMatch(/有效期满前90(天|日)/);
    expect(answer('en', 'licence.renewal.window')).toMatch(/within 90 days before/);
  });

  it('fines: pay within 15 days of the decision; 3% a day after, capped at the fine (行政处罚法 Arts.67, 72)', () => {
    for (const id of ['fine.deadline', 'fine.latefee']) {
      expect(answer('zh-CN', id)).toMatch(/15日/);
      expect(answer('zh-CN', id)).toMatch(/3%/);
      expect(answer('en', id)).toMatch(/15 days/);
      expect(answer('en', id)).toMatch(/3%/);
    }
    expect(answer('zh-CN', 'fine.latefee')).toMatch(/最多与罚款本身相同/);
    expect(answer('en', 'fine.latefee')).toMatch(/capped at the amount of the fine/);
  });

  it.each([
    ['points.values.redlight', /记6分/, /6 points/],
    ['points.values.phone', /记3分/, /3 points/],
    ['points.values.seatbelt', /记1分/, /1 point/],
    ['violation.drink.consequences', /记12分/, /12 points/],
  ])('point value of %s (163)', (id, zh, en) => {
    expect(answer('zh-CN', id)).toMatch(zh);
    expect(answer('en', id)).toMatch(en);
  });

  it('speeding: 20-50% on ordinary roads is 3 points, 50% or more 6; on motorways 6 and 12 (163)', () => {
    expect(answer('zh-CN', 'points.values.speeding.city')).toMatch(/20%至50%记3分.*50%以上记6分/);
    expect(answer('zh-CN', 'points.values.speeding.highway')).toMatch(/20%至50%记6分.*50%以上记12分/);
    expect(answer('en', 'points.values.speeding.city')).toMatch(/3 points.*6 points/);
  });

  it('no outdated 2-point offences appear anywhere', () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const twoPoint = kb.entries(locale).filter((e) => /记2分|(?<![0-9])2 points/.test(`${e.answer} ${e.detail ?? ''}`));
      expect(twoPoint.map((e) => e.id)).toEqual([]);
    }
  });

  it('inspection of private cars: years 2, 4, 8 online mark; 6 and 10 at a station; yearly after 10 (2022 reform)', () => {
    const zh = answer('zh-CN', 'inspection.schedule.private');
    expect(zh).toMatch(/第2、4、8年免上线/);
    expect(zh).toMatch(/第6、10年须到检验机构上线检验/);
    expect(zh).toMatch(/超过10年每年/);
    expect(answer('en', 'inspection.schedule.private')).toMatch(/years 2, 4 and 8.*years 6 and 10.*after 10 years/s);
  });

  it('plates: 7 characters ordinary, 8 for new-energy; no I or O; D/F position', () => {
    expect(answer('zh-CN', 'plate.format.ordinary')).toMatch(/7个字符/);
    expect(answer('zh-CN', 'plate.format.ordinary')).toMatch(/不使用字母I和O/);
    expect(answer('zh-CN', 'plate.format.nev')).toMatch(/共8个字符/);
    expect(answer('zh-CN', 'plate.format.nev')).toMatch(/小型.*第1位是D或F/);
    expect(answer('en', 'plate.format.nev')).toMatch(/8 characters in total/);
  });

  it('points cycle: 12 months from the first licence date, not the calendar year (163 Art.3)', () => {
    expect(answer('zh-CN', 'points.cycle')).toMatch(/12个月.*初次领取驾驶证之日/);
    expect(answer('en', 'points.cycle')).toMatch(/12 months.*not the calendar year/);
  });
  it('lost licence: ID and a photo (domain.md table, 遗失补证)', () => {
    expect(answer('zh-CN', 'licence.replace.lost')).toMatch(/身份证和本人照片/);
    expect(answer('en', 'licence.replace.lost')).toMatch(/ID and a photo/);
  });

  it("binding others' cars: one a day, at most 5 a year (today's rule, not the 2016 three-car limit)", () => {
    expect(answer('zh-CN', 'app.bind.family')).toMatch(/每天可新增备案1辆，每年最多5辆/);
    expect(answer('en', 'app.bind.family')).toMatch(/1 new car a day, up to 5 a year/);
    expect(`${answer('zh-CN', 'app.bind.family')} ${answer('en', 'app.bind.family')}`).not.toMatch(/最多绑3辆|up to 3/);
  });

  it('change registration for a new colour, engine, body or frame: within 10 days, not working days (164 Art.16)', () => {
    expect(answer('zh-CN', 'registration.change')).toMatch(/变更后10日内/);
    expect(answer('en', 'registration.change')).toMatch(/within 10 days/);
    expect(`${answer('zh-CN', 'registration.change')} ${answer('zh-CN', 'registration.penalty.late')}`).not.toMatch(/10个工作日/);
    expect(`${answer('en', 'registration.change')} ${answer('en', 'registration.penalty.late')}`).not.toMatch(/10 working days/);
  });

  it('alcohol: 20 mg per 100 ml of blood is drink-driving, 80 mg is drunk driving (GB 19522)', () => {
    expect(answer('zh-CN', 'violation.drink.limits')).toMatch(/达到20毫克、不满80毫克的是饮酒驾驶.*达到80毫克及以上的是醉酒驾驶/);
    expect(answer('en', 'violation.drink.limits')).toMatch(/20 mg or more of alcohol per 100 ml of blood \(but under 80 mg\) is drink-driving; 80 mg or more is drunk driving/);
  });

  it('a temporary driving permit is cancelled at 12 points (domain.md 3.10)', () => {
    expect(answer('zh-CN', 'foreign.temp-permit.points')).toMatch(/累积记满12分的，会被注销/);
    expect(answer('en', 'foreign.temp-permit.points')).toMatch(/reaches 12 points in a scoring cycle is cancelled/);
  });

  it('a missing inspection mark can mean a detained car, but the electronic mark in 12123 counts as the mark (164 Art.56)', () => {
    expect(answer('zh-CN', 'inspection.mark.electronic')).toMatch(/同等效力/);
    expect(answer('zh-CN', 'violation.vehicle.detain')).toMatch(/未放置检验合格标志（12123里的电子标志同样有效）/);
    expect(answer('en', 'inspection.mark.electronic')).toMatch(/same legal effect/);
    expect(answer('en', 'violation.vehicle.detain')).toMatch(/no inspection mark \(the 12123 e-mark counts\)/);
  });
});
