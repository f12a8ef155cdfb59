import { loadFaqKnowledgeBase } from '../../../src/knowledge/faq';
import { createNlu } from '../../../src/nlu';
import { englishWords, SpellingCorrector } from '../../../src/nlu/spelling';

describe('English typing slips (SpellingCorrector)', () => {
  const kb = ['how do i renew my licence', 'renew licence online', 'when can i renew', 'licence renewal fee', 'registration of a new car', 'new car registration papers', 'car registration online', 'pay a fine', 'fine not paid', 'fine payment'];
  const corrector = new SpellingCorrector(kb, ['where can i find a hotel'], englishWords);

  it('puts back a knowledge-base word one edit away (dropped, swapped, changed, added letter)', () => {
    expect(corrector.correct('how do i renw my licence')).toBe('how do i renew my licence');
    expect(corrector.correct('regsitration of my car')).toBe('registration of my car');
    expect(corrector.correct('licenxe renewal')).toBe('licence renewal');
    expect(corrector.correct('pay the fien')).toBe('pay the fine');
  });

  it('never changes a real word, a short word or a word it cannot place', () => {
    expect(corrector.correct('where can i find my shirt')).toBe('where can i find my shirt');
    expect(corrector.correct('tell me a story')).toBe('tell me a story');
    expect(corrector.correct('pls thx')).toBe('pls thx');
    expect(corrector.correct('zxqwv')).toBe('zxqwv');
  });

  it('a question with a slip is understood like the one without, through the whole NLU', () => {
    const nlu = createNlu(loadFaqKnowledgeBase());
    for (const [slip, right] of [['how do i pay a trafic fine online', 'how do i pay a traffic fine online'], ['my licnese expired last month', 'my license expired last month']] as const) {
      expect({ slip, top: nlu.understand(slip, 'en').faq.candidates[0]?.id }).toEqual({ slip, top: nlu.understand(right, 'en').faq.candidates[0]?.id });
    }
  });
});
