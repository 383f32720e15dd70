/**
 * Organization names as keys: "names are unique within a township after normalization", and
 * the character bigrams a GIN index uses for substring search. Pure; the same functions run
 * when a name is written and when it is searched, so both sides agree.
 */

/** Whitespace plus the invisible characters that ride along with pasted text (zero-width space/joiners, word joiner, BOM). */
const BLANKS = /[\s\u200B-\u200D\u2060\uFEFF]/gu;

/**
 * The comparison key of a name: NFKC (full-width Latin, digits, punctuation and the 全角空格 fold
 * to their half-width forms; compatibility ideographs to the unified ones), no whitespace at all,
 * letters lower-cased. Chinese characters are kept as they are (they have no case).
 */
export function normalizeOrgName(name: string): string {
  return name.normalize('NFKC').replace(BLANKS, '').toLowerCase();
}

/**
 * The distinct character bigrams of the normalized name, in order of first appearance; a
 * one-character name is its own gram and an empty name has none. Characters are code points,
 * so a CJK Extension B character (a surrogate pair) counts as one.
 */
export function nameBigrams(name: string): string[] {
  const chars = Array.from(normalizeOrgName(name));
  if (chars.length === 1) {
    return chars;
  }
  const grams = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) {
    grams.add(`${chars[i]}${chars[i + 1]}`);
  }
  return [...grams];
}
