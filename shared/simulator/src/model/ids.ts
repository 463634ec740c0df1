import type { SimState } from './types';

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const LOWER = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A deterministic pseudo-random generator (mulberry32) for fleets, ids and metric noise. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A stable 32-bit hash of a string (FNV-1a), for per-resource seeds. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function randomChars(random: () => number, alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(random() * alphabet.length)];
  return out;
}

/** The next deterministic random string for this state (advances its id counter). */
export function nextRandomId(state: SimState, length: number, lowercase = false): string {
  const random = seededRandom(hashString(`${state.seed}:${state.nextId++}`));
  return randomChars(random, lowercase ? LOWER : UPPER, length);
}

export const newIds = {
  clusterResourceId: (state: SimState) => `cluster-${nextRandomId(state, 26)}`,
  instanceResourceId: (state: SimState) => `db-${nextRandomId(state, 26)}`,
  blueGreenId: (state: SimState) => `bgd-${nextRandomId(state, 16, true)}`,
  greenSuffix: (state: SimState) => nextRandomId(state, 6, true),
};

/** The per-account-and-region hash in RDS endpoint names (`<id>.cluster-<hash>.<region>.rds.amazonaws.com`). */
export function endpointHash(state: SimState, region: string): string {
  const random = seededRandom(hashString(`${state.accountId}:${region}:endpoint`));
  return `c${randomChars(random, LOWER, 11)}`;
}
