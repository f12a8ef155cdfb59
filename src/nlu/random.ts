/**
 * A small seeded generator (a linear congruential one) for the places that need the same "random"
 * order on every run: the regression's shuffle and the generated slip sets of kb:eval.
 * Returns numbers in [0, 1).
 */
export function seededRandom(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
}
