import {
  DATE_MEASURES,
  DATE_VAR_SUFFIXES,
  PLACEHOLDER,
  RECORD_FACTS,
  conditionFacts,
  type Condition,
  type DateMeasure,
  type FactComparison,
  type LocalisedText,
  type Question,
  type ServiceDefinition,
} from './serviceSchema';

/**
 * Cross-checks that the schema alone cannot express. Each problem names the field, so a bad
 * file is fixed from the start-up message alone.
 */
export function checkService(service: ServiceDefinition): string[] {
  const problems: string[] = [];
  const questions = new Map<string, Question>();
  service.questions.forEach((q, i) => {
    if (questions.has(q.id)) problems.push(`field questions.${i}.id: duplicate question id "${q.id}"`);
    questions.set(q.id, q);
    if (q.type === 'choice') {
      const values = q.options.map((o) => o.value);
      if (new Set(values).size !== values.length) problems.push(`field questions.${i}.options: duplicate option values`);
    }
    if (q.type !== 'yesno' && q.from !== undefined) {
      const wanted = q.type === 'choice' ? 'string' : q.type;
      if (RECORD_FACTS[q.from] !== wanted) {
        problems.push(`field questions.${i}.from: "${q.from}" is a ${RECORD_FACTS[q.from]} fact, not usable by a ${q.type} question`);
      }
    }
  });

  const used = new Set<string>();
  const mentioned = new Set<string>();
  service.rules.forEach((rule, i) => {
    const last = i === service.rules.length - 1;
    if (rule.if === undefined && !last) problems.push(`field rules.${i}.if: only the last rule may have no condition`);
    if (rule.if !== undefined && last) problems.push(`field rules.${i}: the last rule must have no condition (the default outcome)`);
    if (rule.if !== undefined) {
      problems.push(...checkCondition(rule.if, questions, `rules.${i}.if`));
      for (const f of conditionFacts(rule.if)) mentioned.add(f);
    }
    if (!(rule.then in service.outcomes)) problems.push(`field rules.${i}.then: unknown outcome "${rule.then}"`);
    used.add(rule.then);
  });

  for (const [id, outcome] of Object.entries(service.outcomes)) {
    const at = `outcomes.${id}`;
    if (!used.has(id)) problems.push(`field ${at}: no rule leads to this outcome`);
    if (outcome.when !== undefined) {
      mentioned.add(outcome.when.fact);
      if (questions.get(outcome.when.fact)?.type !== 'date') problems.push(`field ${at}.when.fact: "${outcome.when.fact}" is not a date question`);
    }
    const texts: Array<[string, LocalisedText]> = [[`${at}.text`, outcome.text]];
    (outcome.notes ?? []).forEach((n, i) => texts.push([`${at}.notes.${i}`, n]));
    for (const [field, text] of texts) {
      for (const locale of ['zh-CN', 'en'] as const) {
        for (const m of text[locale].matchAll(PLACEHOLDER)) {
          if (m[1] !== 'when') mentioned.add(m[1]!);
          const problem = checkPlaceholder(m[1]!, m[2], outcome.when !== undefined, questions);
          if (problem) problems.push(`field ${field}.${locale}: placeholder ${m[0]} ${problem}`);
        }
      }
    }
  }
  for (const q of service.questions) {
    if (!mentioned.has(q.id)) problems.push(`field questions: question "${q.id}" is not used by any rule or outcome`);
  }

  const staticTexts: Array<[string, LocalisedText]> = [
    ['name', service.name],
    ['audience', service.audience],
    ['processing', service.processing],
    ['window.why', service.window.why],
    ...service.materials.map((t, i): [string, LocalisedText] => [`materials.${i}`, t]),
    ...service.timeLimits.map((t, i): [string, LocalisedText] => [`timeLimits.${i}`, t]),
    ...service.appSteps.map((t, i): [string, LocalisedText] => [`appSteps.${i}`, t]),
    ...service.fees.flatMap((f, i): Array<[string, LocalisedText]> => [[`fees.${i}.item`, f.item], [`fees.${i}.amount`, f.amount]]),
  ];
  for (const [field, text] of staticTexts) {
    if (/[{}]/.test(text['zh-CN'] + text.en)) problems.push(`field ${field}: placeholders are only allowed in outcome texts`);
  }
  if (service.appSteps.length === 0 && service.window.needed !== 'yes') {
    problems.push('field appSteps: empty, but window.needed is not "yes" (how would the driver do it?)');
  }
  return problems;
}

function checkPlaceholder(
  name: string,
  suffix: string | undefined,
  hasWhen: boolean,
  questions: ReadonlyMap<string, Question>,
): string | undefined {
  if (name === 'when') return hasWhen && suffix === undefined ? undefined : 'needs an outcome with "when"';
  const q = questions.get(name);
  if (q === undefined) return 'names no question';
  if (suffix === undefined) return undefined;
  if (q.type !== 'date') return 'has a suffix but the fact is not a date';
  return (DATE_VAR_SUFFIXES as readonly string[]).includes(suffix) ? undefined : `has an unknown suffix (use ${DATE_VAR_SUFFIXES.join(', ')})`;
}

function checkCondition(c: Condition, questions: ReadonlyMap<string, Question>, at: string): string[] {
  const need = (fact: string, types: Question['type'][], field: string): string[] => {
    const q = questions.get(fact);
    if (q === undefined) return [`field ${field}: unknown question "${fact}"`];
    return types.includes(q.type) ? [] : [`field ${field}: question "${fact}" is a ${q.type} question, expected ${types.join(' or ')}`];
  };
  if ('all' in c) return c.all.flatMap((x, i) => checkCondition(x, questions, `${at}.all.${i}`));
  if ('any' in c) return c.any.flatMap((x, i) => checkCondition(x, questions, `${at}.any.${i}`));
  if ('not' in c) return checkCondition(c.not, questions, `${at}.not`);
  if ('eq' in c) {
    const problems = need(c.eq.fact, ['yesno', 'choice', 'number'], `${at}.eq.fact`);
    const q = questions.get(c.eq.fact);
    if (problems.length === 0 && q !== undefined) problems.push(...valueProblems(q, [c.eq.value], `${at}.eq.value`));
    return problems;
  }
  if ('in' in c) {
    const problems = need(c.in.fact, ['choice', 'number'], `${at}.in.fact`);
    const q = questions.get(c.in.fact);
    if (problems.length === 0 && q !== undefined) problems.push(...valueProblems(q, c.in.values, `${at}.in.values`));
    return problems;
  }
  if ('num' in c) return need(c.num.fact, ['number'], `${at}.num.fact`);
  if ('ageAt' in c) {
    const problems = need(c.ageAt.fact, ['date'], `${at}.ageAt.fact`);
    if (c.ageAt.at !== undefined) problems.push(...need(c.ageAt.at, ['date'], `${at}.ageAt.at`));
    return problems;
  }
  const measure = DATE_MEASURES.find((m) => m in c);
  if (measure === undefined) return [`field ${at}: unknown condition`];
  return need((c as Record<DateMeasure, FactComparison>)[measure].fact, ['date'], `${at}.${measure}.fact`);
}

function valueProblems(q: Question, values: ReadonlyArray<string | number | boolean>, field: string): string[] {
  const problems: string[] = [];
  for (const v of values) {
    if (q.type === 'yesno' && typeof v !== 'boolean') problems.push(`field ${field}: a yesno answer is true or false, got ${JSON.stringify(v)}`);
    if (q.type === 'number' && typeof v !== 'number') problems.push(`field ${field}: expected a number, got ${JSON.stringify(v)}`);
    if (q.type === 'choice' && !q.options.some((o) => o.value === v)) {
      problems.push(`field ${field}: "${String(v)}" is not an option of question "${q.id}"`);
    }
  }
  return problems;
}
