import { describe, expect, it } from 'vitest';
import { nameBigrams, normalizeOrgName } from './org-name';

/** mulberry32: a small seeded PRNG, so every property run is reproducible. */
function prng(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Characters a pasted name may contain: Chinese, half- and full-width Latin and digits, spaces of all kinds, brackets. */
const POOL = [
  ...'邻里互助会老年协会文体队社区志愿服务',
  ...'abcXYZ019',
  ...'ＡＢＣｘｙｚ０１９',
  ' ',
  '\u3000',
  '\t',
  '\n',
  '\u00A0',
  '\u200B',
  ...'()（）·-',
  '𠀀',
];

function randomName(random: () => number): string {
  const length = Math.floor(random() * 12);
  let name = '';
  for (let i = 0; i < length; i++) {
    name += POOL[Math.floor(random() * POOL.length)];
  }
  return name;
}

describe('normalizeOrgName', () => {
  it('folds full-width Latin and digits, removes every kind of space and lower-cases Latin letters', () => {
    expect(normalizeOrgName('阳光ＡＢＣ舞蹈队')).toBe('阳光abc舞蹈队');
    expect(normalizeOrgName(' 阳光 abc 舞蹈队 ')).toBe('阳光abc舞蹈队');
    expect(normalizeOrgName('阳光\u3000ＡＢＣ\t舞蹈队\n')).toBe('阳光abc舞蹈队');
    expect(normalizeOrgName('第１２３号\u00A0互助会\u200B')).toBe('第123号互助会');
  });

  it('keeps Chinese characters and folds full-width brackets', () => {
    expect(normalizeOrgName('金牛区（荷花池）老年协会')).toBe('金牛区(荷花池)老年协会');
    expect(normalizeOrgName('邻里守望志愿服务队')).toBe('邻里守望志愿服务队');
  });

  it('makes names that differ only in width, spaces and case equal', () => {
    const variants = ['Happy 邻里 Club', 'happy邻里club', 'ＨＡＰＰＹ　邻里　ＣＬＵＢ', ' HAPPY邻里CLUB '];
    expect(new Set(variants.map(normalizeOrgName)).size).toBe(1);
    expect(normalizeOrgName('邻里互助会')).not.toBe(normalizeOrgName('邻里互助队'));
  });

  it('property: idempotent, without whitespace or upper-case Latin, and blind to inserted spaces', () => {
    const random = prng(2024);
    for (let n = 0; n < 2_000; n++) {
      const name = randomName(random);
      const key = normalizeOrgName(name);
      expect(normalizeOrgName(key)).toBe(key);
      expect(key).not.toMatch(/[\sA-Z\uFF21-\uFF3A\uFF41-\uFF5A\uFF10-\uFF19]/u);
      const spaced = [...name].join(random() < 0.5 ? ' ' : '\u3000');
      expect(normalizeOrgName(spaced)).toBe(key);
      expect(normalizeOrgName(name.toUpperCase())).toBe(key);
    }
  });
});

describe('nameBigrams', () => {
  it('returns the distinct bigrams of the normalized name in order', () => {
    expect(nameBigrams('老年协会')).toEqual(['老年', '年协', '协会']);
    expect(nameBigrams('哈哈哈哈')).toEqual(['哈哈']);
    expect(nameBigrams('Ａb 队')).toEqual(['ab', 'b队']);
  });

  it('a one-character name is its own gram; an empty or blank name has none', () => {
    expect(nameBigrams('队')).toEqual(['队']);
    expect(nameBigrams(' Ｑ ')).toEqual(['q']);
    expect(nameBigrams('')).toEqual([]);
    expect(nameBigrams('\u3000 ')).toEqual([]);
  });

  it('counts a supplementary-plane character as one character', () => {
    expect(nameBigrams('𠀀')).toEqual(['𠀀']);
    expect(nameBigrams('𠀀会')).toEqual(['𠀀会']);
  });

  it('property: exactly the adjacent pairs of the normalized name, each once', () => {
    const random = prng(7);
    for (let n = 0; n < 2_000; n++) {
      const name = randomName(random);
      const chars = Array.from(normalizeOrgName(name));
      const grams = nameBigrams(name);
      expect(new Set(grams).size).toBe(grams.length);
      if (chars.length < 2) {
        expect(grams).toEqual(chars);
        continue;
      }
      const pairs = new Set(chars.slice(1).map((char, i) => `${chars[i]}${char}`));
      expect(new Set(grams)).toEqual(pairs);
      for (const gram of grams) {
        expect(normalizeOrgName(name)).toContain(gram);
        expect(Array.from(gram)).toHaveLength(2);
      }
    }
  });
});
