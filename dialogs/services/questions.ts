// A walkthrough question as the driver sees it (the data's prompt and hint, numbered options or
// yes/no), and the precise reason when an answer does not fit.
import type { Question } from '../../src/knowledge/services';
import type { AnswerError } from '../../src/services/catalogue';
import type { Line, ServiceAsk } from './ServicePrompt';

export function questionAsk(q: Question): ServiceAsk {
  const ask: ServiceAsk = { lines: [{ data: q.prompt }, ...(q.hint ? [{ data: q.hint }] : [])] };
  if (q.type === 'choice') ask.choices = q.options.map((o) => ({ data: o.label }));
  if (q.type === 'yesno') ask.choices = [{ key: 'services.answer.yes' }, { key: 'services.answer.no' }];
  if (q.type === 'date' && !q.hint) ask.footer = [{ key: 'services.answer.dateFormat' }];
  return ask;
}

/** Why an answer was refused, as a locale sentence. */
export function answerErrorLine(q: Question, error: AnswerError | 'no-question-pending'): Line {
  switch (error) {
    case 'choice-out-of-range':
      return { key: 'services.answer.invalid.choice', vars: { max: q.type === 'choice' ? q.options.length : 2 } };
    case 'invalid-date':
      return { key: 'services.answer.invalidDate' };
    case 'date-after-today':
      return { key: 'services.answer.dateAfterToday' };
    case 'date-before-today':
      return { key: 'services.answer.dateBeforeToday' };
    case 'not-integer':
      return { key: 'services.answer.notInteger' };
    case 'below-min':
      return { key: 'services.answer.belowMin', vars: { min: q.type === 'number' ? (q.min ?? 0) : 0 } };
    case 'above-max':
      return { key: 'services.answer.aboveMax', vars: { max: q.type === 'number' ? (q.max ?? 0) : 0 } };
    case 'not-a-number':
    case 'wrong-kind':
    case 'no-question-pending':
      if (q.type === 'choice') return { key: 'services.answer.invalid.choice', vars: { max: q.options.length } };
      return { key: `services.answer.invalid.${q.type}` };
  }
}
