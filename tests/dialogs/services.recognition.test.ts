// Every service is reachable through the dialog from the natural phrasings listed in its file
// (at least 3 in Chinese and 2 in English): the driver opens the licence or vehicle menu and says
// what they need; when two services score alike the dialog asks which one, and the driver picks.
import type { Runtime } from '../../src/runtime';
import { createChatSession } from '../../src/channels/local/chatSession';
import { loadServiceCatalogue } from '../../src/knowledge/services';
import { startTestRuntime } from '../support/app';
import { useTestMongo } from '../support/mongo';

const catalogue = loadServiceCatalogue();
const cases = catalogue.services.flatMap((s) =>
  (['zh-CN', 'en'] as const).flatMap((locale) => (s.examples?.[locale] ?? []).map((text) => ({ id: s.id, name: s.name[locale], category: s.category, locale, text }))),
);
const MENU = { licence: '3', vehicle: '4' };

describe('every service is reachable through the dialog', () => {
  let mongo: Awaited<ReturnType<typeof useTestMongo>>;
  let rt: Runtime;
  const direct: string[] = [];
  const afterChoosing: string[] = [];

  beforeAll(async () => {
    mongo = await useTestMongo();
    rt = await startTestRuntime(mongo, { runtime: { now: () => new Date('2026-11-27T10:00:00+08:00') } });
  });
  afterAll(async () => {
    await rt.close();
    await mongo.close();
    // Figures for the report: most phrasings start the walkthrough at once.
    process.stdout.write(`services reached directly: ${direct.length}, after a did-you-mean choice: ${afterChoosing.length} (${afterChoosing.join(' | ')})\n`);
  });

  it('lists at least 3 Chinese and 2 English phrasings for every service', () => {
    for (const s of catalogue.services) {
      expect([s.id, (s.examples?.['zh-CN'] ?? []).length >= 3, (s.examples?.en ?? []).length >= 2]).toEqual([s.id, true, true]);
    }
  });

  it.each(cases)('$locale "$text" -> $id', async ({ name, category, locale, text }) => {
    const chat = createChatSession(rt, { locale, channelId: 'webchat' });
    await chat.send(MENU[category]);
    let [reply = ''] = await chat.send(text);
    const startsWith = (r: string) => r.startsWith(locale === 'zh-CN' ? `办理“${name}”` : `${name}:`) || r.startsWith(locale === 'zh-CN' ? `“${name}”：` : `${name}:`);
    if (startsWith(reply)) {
      direct.push(text);
      return;
    }
    // A did-you-mean list: the driver picks the service by its number.
    const line = reply.split('\n').find((l) => l.replace(/^\d+\.\s?/, '') === name);
    expect({ text, reply, offered: line !== undefined }).toEqual({ text, reply, offered: true });
    [reply = ''] = await chat.send(line!.split('.')[0]!);
    expect({ text, started: startsWith(reply) }).toEqual({ text, started: true });
    afterChoosing.push(text);
  });
});
