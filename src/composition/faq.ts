// Knowledge base, language understanding and the FAQ dialog, plus the router that sends free
// text to the right feature.
import { loadFaqKnowledgeBase, type FaqKnowledgeBase } from '../knowledge/faq';
import { createNlu, type Nlu, type Understanding } from '../nlu';
import { FaqService } from '../services/faq/FaqService';
import { recogniseChoice } from '../services/conversation/choices';
import { mongoFaqStore } from '../storage/repositories/faq';
import type { Models } from '../storage/models';
import type { Logger } from '../observability/logger';
import { FaqDialog, type Walkthrough } from '../../dialogs/faq/FaqDialog';
import { loadFaqServiceLinks } from '../knowledge/faqServiceLinks';
import type { ServiceCatalogue } from '../knowledge/services';
import type { Say } from '../../dialogs/common/say';
import type { Route, Router } from '../../dialogs/types';
import menuWords from '../../data/menu.json';

export interface FaqComposition {
  kb: FaqKnowledgeBase;
  nlu: Nlu;
  service: FaqService;
  dialog: FaqDialog;
  router: Router;
  loadMs: number;
}

const VEHICLE_WORDS = [{ id: 'vehicle', words: menuWords.vehicle }, { id: 'licence', words: menuWords.licence }];

/** Where an understood message goes. Out-of-scope and unknown messages go nowhere (undefined). */
export function routeOf(text: string, u: Understanding): Route | undefined {
  switch (u.intent) {
    case 'faq':
      return u.faq.band === 'none' ? undefined : { feature: 'faq', options: { text, understanding: u } };
    case 'violation_lookup':
      return { feature: 'violations', options: { text, plate: u.entities.plate } };
    case 'points_lookup':
      return { feature: 'violations', options: { text, mode: 'points' } };
    case 'service':
      return { feature: recogniseChoice(text, VEHICLE_WORDS) === 0 ? 'vehicle' : 'licence', options: { text } };
    case 'handoff':
      return { feature: 'agent' };
    case 'greeting':
      return { feature: 'greeting' };
    case 'thanks':
      return { feature: 'thanks' };
    case 'out_of_scope':
      return undefined;
  }
}

export function composeFaq(deps: {
  say: Say;
  models: Models;
  logger: Logger;
  now: () => Date;
  /** The service catalogue, for offering a walkthrough after an answer (data/faq-services.json). */
  catalogue?: ServiceCatalogue;
}): FaqComposition {
  const started = performance.now();
  const kb = loadFaqKnowledgeBase();
  const nlu = createNlu(kb, { now: deps.now });
  const loadMs = Math.round(performance.now() - started);
  deps.logger.info({ loadMs, entries: kb.entries('zh-CN').length }, 'knowledge base loaded');
  const service = new FaqService(kb, nlu, mongoFaqStore(deps.models));
  const links = deps.catalogue ? loadFaqServiceLinks(kb, deps.catalogue) : new Map<string, string>();
  const catalogue = deps.catalogue;
  const walkthroughOf = (entryId: string, locale: 'zh-CN' | 'en'): Walkthrough | undefined => {
    const service = catalogue?.byId.get(links.get(entryId) ?? '');
    return service ? { name: service.name[locale], route: { feature: service.category, options: { serviceId: service.id } } } : undefined;
  };
  const dialog = new FaqDialog(deps.say, service, routeOf, walkthroughOf);
  const router: Router = {
    route(text, locale) {
      const u = service.understand(text, locale);
      const route = routeOf(text, u);
      if (!route) void service.unanswered(text, locale, u.intent === 'out_of_scope' ? 'out_of_scope' : 'none', 'router').catch(() => undefined);
      return route;
    },
  };
  return { kb, nlu, service, dialog, router, loadMs };
}
