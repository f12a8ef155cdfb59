// A service's facts (materials, fees, time limits, app steps, window, processing) as SMS-sized
// pages: a heading, then numbered items for as many as fit in three segments.
import type { TurnContext } from 'botbuilder';
import type { Section, ServiceDefinition } from '../../src/knowledge/services';
import { segmentCount } from '../../src/services/messaging/segments';
import { localeOf } from '../../src/bot/turnState';
import type { Say } from '../common/say';
import { MAX_SEGMENTS } from './shared';

export function hasContent(service: ServiceDefinition, section: Section): boolean {
  switch (section) {
    case 'materials':
    case 'fees':
    case 'timeLimits':
    case 'appSteps':
      return service[section].length > 0;
    case 'window':
    case 'processing':
      return true;
  }
}

function items(say: Say, ctx: TurnContext, service: ServiceDefinition, section: Section): string[] {
  const locale = localeOf(ctx);
  const numbered = (list: ServiceDefinition['materials']) =>
    list.map((t, i) => say.text(ctx, 'common.choice.line', { n: i + 1, title: t[locale] }));
  switch (section) {
    case 'materials':
    case 'timeLimits':
    case 'appSteps':
      return numbered(service[section]);
    case 'fees':
      return service.fees.map((f) => say.text(ctx, 'services.section.feeLine', { item: f.item[locale], amount: f.amount[locale] }));
    case 'window':
      return [say.text(ctx, `services.section.window.${service.window.needed}`), service.window.why[locale]];
    case 'processing':
      return [service.processing[locale]];
  }
}

/** The page of a section starting at item `start`; `next` is where the following page starts. */
export function sectionPage(say: Say, ctx: TurnContext, service: ServiceDefinition, section: Section, start = 0): { text: string; next?: number } {
  const all = items(say, ctx, service, section);
  const heading = say.text(ctx, start === 0 ? `services.section.${section}` : 'services.section.continued');
  const lines = [heading];
  let i = start;
  for (; i < all.length; i++) {
    const candidate = [...lines, all[i]!].join('\n');
    // A page always carries at least one item, however long (data items are at most two segments).
    if (i > start && segmentCount(candidate) > MAX_SEGMENTS) break;
    lines.push(all[i]!);
  }
  return i < all.length ? { text: lines.join('\n'), next: i } : { text: lines.join('\n') };
}
