import type { Dialog } from 'botbuilder-dialogs';
import type { Say } from './common/say';

/** The feature areas of the main menu, in menu order. */
export const MENU_FEATURES = ['faq', 'violations', 'licence', 'vehicle', 'agent'] as const;
export type MenuFeature = (typeof MENU_FEATURES)[number];

/** Where free text that is not a menu choice should go, as decided by language understanding. */
export interface Route {
  feature: MenuFeature | 'greeting' | 'thanks';
  /** Options handed to the feature's dialog (e.g. the recognised question or plate). */
  options?: Record<string, unknown>;
}

export interface Router {
  route(text: string, locale: 'zh-CN' | 'en'): Route | undefined;
}

export interface MainDialogDeps {
  say: Say;
  /** Dialogs of the features that are built, by menu feature. Missing ones are announced honestly. */
  features: Partial<Record<MenuFeature, Dialog>>;
  router?: Router;
}
