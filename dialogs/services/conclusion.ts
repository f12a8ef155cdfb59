// The walkthrough's conclusion as lines shown before the "what next" menu: the service's name
// (when nothing was asked), what the driver's records say (when they were used), the outcome
// and its notes. Data texts stay data lines, so they are shown in the driver's current language.
import type { ServiceDefinition } from '../../src/knowledge/services';
import type { Locale } from '../../src/knowledge/faq';
import { daysBetween, shanghaiToday, type Conclusion } from '../../src/services/catalogue';
import type { LicenceSummary, VehicleSummary } from '../../src/services/appointments';
import type { Line } from './ServicePrompt';
import { displayDay } from '../../src/services/catalogue/dates';

export function conclusionLines(conclusion: Conclusion): Line[] {
  return [conclusion.text, ...conclusion.notes].map((data) => ({ data, vars: conclusion.vars }));
}

/** "Your licence on record: valid until ..., N days left, M points" for the service's category. */
export function personalLine(
  service: ServiceDefinition,
  personal: { licence?: LicenceSummary; vehicle?: VehicleSummary } | undefined,
  now: Date,
  locale: Locale,
): Line | undefined {
  const today = shanghaiToday(now);
  if (service.category === 'licence' && personal?.licence) {
    const l = personal.licence;
    const days = daysBetween(today, l.validUntil);
    return {
      key: days >= 0 ? 'services.personal.licence' : 'services.personal.licenceExpired',
      vars: { validUntil: displayDay(l.validUntil, locale), days: Math.abs(days), points: l.points },
    };
  }
  if (service.category === 'vehicle' && personal?.vehicle) {
    const v = personal.vehicle;
    const days = daysBetween(today, v.nextInspectionDue);
    return {
      key: days >= 0 ? 'services.personal.vehicle' : 'services.personal.vehicleOverdue',
      vars: { plate: v.plate, due: displayDay(v.nextInspectionDue, locale), days: Math.abs(days) },
    };
  }
  return undefined;
}
