// The SMS a reminder becomes: in both languages, for every deadline kind, with the opt-out
// wording of reference/domain.md section 7 and never a link.
import { createTranslator } from '../../../src/i18n';
import { DEADLINE_KINDS, type Reminder } from '../../../src/services/reminders';
import { reminderText } from '../../../src/composition/reminders';

const i18n = createTranslator();
const reminder = (kind: Reminder['kind'], locale: string): Reminder => ({
  _id: 'r1',
  group: 'g1',
  phone: '+8613800138000',
  channel: 'sms-aliyun',
  locale,
  kind,
  deadline: '2027-01-20',
  serviceId: 'licence-renewal',
  offsetDays: 30,
  dueAt: new Date('2026-12-21T02:00:00Z'),
  status: 'sending',
  consent: { at: new Date('2026-11-27T02:00:00Z'), channel: 'sms-aliyun', source: 'test', text: 'consent' },
  outboxIds: [],
  history: [],
  createdAt: new Date('2026-11-27T02:00:00Z'),
  updatedAt: new Date('2026-11-27T02:00:00Z'),
});

describe('reminder SMS texts', () => {
  it.each(DEADLINE_KINDS.flatMap((k) => [[k, 'zh-CN'], [k, 'en']] as const))('%s in %s: date, days left, opt-out, no link', (kind, locale) => {
    const text = reminderText(i18n, reminder(kind, locale), new Date('2026-12-21T02:00:00Z'));
    expect(text).toContain(locale === 'en' ? '2027-01-20' : '2027年1月20日');
    expect(text).toContain(locale === 'en' ? '30 days left' : '还有30天');
    expect(text).toMatch(locale === 'en' ? /Reply STOP to opt out$/ : /回T退订$/);
    expect(text).not.toMatch(/https?:|www\.|\{\w+\}/);
  });

  it('the consent question says what, when and how to stop in both languages', () => {
    expect(i18n.t('zh-CN', 'reminders.consent')).toMatch(/\{what\}[\s\S]*\{dates\}|\{dates\}[\s\S]*\{what\}/);
    expect(i18n.t('zh-CN', 'reminders.consent')).toContain('回复T退订');
    expect(i18n.t('en', 'reminders.consent')).toContain('Reply STOP to opt out');
    for (const kind of ['licenceExpiry', 'inspectionDue', 'medicalProof']) {
      expect(i18n.has('zh-CN', `reminders.what.${kind}`) && i18n.has('en', `reminders.what.${kind}`)).toBe(true);
    }
  });
});
