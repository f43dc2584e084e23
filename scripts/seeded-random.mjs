// seeded-random.mjs: one small seeded generator for the scripts and tests that make data.

/**
 * A seeded generator (mulberry32): the same `seed` gives the same numbers in [0, 1), so a
 * generated file or test case can be made again from its seed.
 */
export function seededRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
