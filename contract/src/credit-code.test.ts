import { describe, expect, it } from 'vitest';
import {
  CREDIT_CODE_ALPHABET,
  CREDIT_CODE_WEIGHTS,
  creditCodeCheckChar,
  isValidOrganizationCode,
  normalizeCreditCode,
  validateCreditCode,
} from './credit-code';

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

function pick(random: () => number, chars: string): string {
  return chars.charAt(Math.floor(random() * chars.length));
}

/** A random canonical 17-character prefix: authority, type, six division digits, nine body characters. */
function randomPrefix(random: () => number, head = ''): string {
  let prefix = head;
  while (prefix.length < 2) {
    prefix += pick(random, CREDIT_CODE_ALPHABET);
  }
  while (prefix.length < 8) {
    prefix += pick(random, '0123456789');
  }
  while (prefix.length < 17) {
    prefix += pick(random, CREDIT_CODE_ALPHABET);
  }
  return prefix;
}

const CASES = 2_000;

describe('credit code check character (GB 32100-2015)', () => {
  it('uses the weights 3^i mod 31', () => {
    expect(CREDIT_CODE_WEIGHTS).toEqual(Array.from({ length: 17 }, (_, i) => 3 ** i % 31));
  });

  it('computes the check character of hand-checked codes', () => {
    // Character values: 0–9 → 0–9, A10 B11 C12 D13 E14 F15 G16 H17 J18 K19 L20 M21 N22 P23 Q24 R25 T26 U27 W28 X29 Y30.
    // Weights: 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28.
    //
    // 91350100M000100Y4 (the public example 91350100M000100Y43):
    //   9·1 + 1·3 + 3·9 + 5·27 + 0·19 + 1·26 + 0·16 + 0·17 + M21·20 + 0 + 0 + 0 + 1·8 + 0 + 0 + Y30·30 + 4·28
    //   = 9 + 3 + 27 + 135 + 26 + 420 + 8 + 900 + 112 = 1640; 1640 mod 31 = 28 (31·52 = 1612); 31 − 28 = 3 → '3'.
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
    // 51440104MJ000000X (民政, 社会团体, 广州市越秀区):
    //   5·1 + 1·3 + 4·9 + 4·27 + 0·19 + 1·26 + 0·16 + 4·17 + M21·20 + J18·29 + 0·(25+13+8+24+10+30) + X29·28
    //   = 5 + 3 + 36 + 108 + 26 + 68 + 420 + 522 + 812 = 2000; 2000 mod 31 = 16 (31·64 = 1984); 31 − 16 = 15 → 'F'.
    expect(creditCodeCheckChar('51440104MJ000000X')).toBe('F');
    // 52110105MJ0012342 (民政, 民办非企业单位, 北京市朝阳区):
    //   5 + 2·3 + 1·9 + 1·27 + 0 + 1·26 + 0 + 5·17 + 21·20 + 18·29 + 0 + 0 + 1·8 + 2·24 + 3·10 + 4·30 + 2·28
    //   = 5 + 6 + 9 + 27 + 26 + 85 + 420 + 522 + 8 + 48 + 30 + 120 + 56 = 1362; 1362 mod 31 = 29 (31·43 = 1333); 31 − 29 = 2 → '2'.
    expect(creditCodeCheckChar('52110105MJ0012342')).toBe('2');
    // 53310000MJ0000006 (民政, 基金会, 上海市): 5 + 3·3 + 3·9 + 1·27 + 21·20 + 18·29 + 6·28
    //   = 5 + 9 + 27 + 27 + 420 + 522 + 168 = 1178 = 31·38, so Σ mod 31 = 0 and 31 − 0 = 31, written '0'.
    expect(creditCodeCheckChar('53310000MJ0000006')).toBe('0');
    // 53310000MJ000000G: as above with G16·28 = 448 instead of 168: 1458 mod 31 = 1 (31·47 = 1457); 31 − 1 = 30 → 'Y'.
    expect(creditCodeCheckChar('53310000MJ000000G')).toBe('Y');
  });

  it('refuses a prefix of the wrong length or with characters outside the alphabet', () => {
    expect(() => creditCodeCheckChar('5144010MJ000000X')).toThrow(RangeError);
    expect(() => creditCodeCheckChar('51440104MJ00000OX')).toThrow(RangeError);
  });
});

describe('validateCreditCode', () => {
  it('accepts the public example and the hand-checked codes', () => {
    for (const code of [
      '91350100M000100Y43',
      '51440104MJ000000XF',
      '52110105MJ00123422',
      '53310000MJ00000060',
      '53310000MJ000000GY',
    ]) {
      expect(validateCreditCode(code)).toEqual({ ok: true, code });
    }
  });

  it('normalizes before checking: spaces, hyphens, full-width forms and lower case', () => {
    expect(validateCreditCode(' 5144 0104-mj00 0000 xf\t')).toEqual({ ok: true, code: '51440104MJ000000XF' });
    expect(validateCreditCode('５１４４０１０４ＭＪ００００００ＸＦ')).toEqual({
      ok: true,
      code: '51440104MJ000000XF',
    });
    expect(normalizeCreditCode('\u3000９１３５０１００Ｍ０００１００Ｙ４３－ ')).toBe('91350100M000100Y43');
  });

  it('names the problem', () => {
    expect(validateCreditCode('51440104MJ000000X')).toEqual({ ok: false, reason: 'length' });
    expect(validateCreditCode('51440104MJ000000XFF')).toEqual({ ok: false, reason: 'length' });
    expect(validateCreditCode('')).toEqual({ ok: false, reason: 'length' });
    // O, I, Z, S and V are not used; the division (positions 3–8) is six digits.
    expect(validateCreditCode('51440104MJ00000OXF')).toEqual({ ok: false, reason: 'charset' });
    expect(validateCreditCode('5144010AMJ000000XF')).toEqual({ ok: false, reason: 'charset' });
    expect(validateCreditCode('51440104MJ000000XG')).toEqual({ ok: false, reason: 'checkChar' });
    expect(validateCreditCode('91350100M000100Y43', { civilAffairs: true })).toEqual({
      ok: false,
      reason: 'notCivilAffairs',
    });
  });

  it('with civilAffairs, accepts only 51, 52, 53 and 59', () => {
    for (const head of ['51', '52', '53', '59']) {
      const prefix = `${head}440104MJ0000000`;
      const code = prefix + creditCodeCheckChar(prefix);
      expect(validateCreditCode(code, { civilAffairs: true })).toEqual({ ok: true, code });
    }
    for (const head of ['54', '5A', '50', '11', '91', 'N1']) {
      const prefix = `${head}440104MJ0000000`;
      const code = prefix + creditCodeCheckChar(prefix);
      expect(validateCreditCode(code)).toEqual({ ok: true, code });
      expect(validateCreditCode(code, { civilAffairs: true })).toEqual({ ok: false, reason: 'notCivilAffairs' });
    }
  });

  it('does not require the organization code body to pass GB 11714', () => {
    // The body MJ0000000 fails GB 11714 (its check digit would be X, see below), yet the credit code is valid.
    expect(isValidOrganizationCode('MJ0000000')).toBe(false);
    const prefix = '51440104MJ0000000';
    expect(validateCreditCode(prefix + creditCodeCheckChar(prefix), { civilAffairs: true }).ok).toBe(true);
  });

  it('property: a random prefix with its computed check character is accepted', () => {
    const random = prng(20151001);
    for (let n = 0; n < CASES; n++) {
      const prefix = randomPrefix(random);
      const code = prefix + creditCodeCheckChar(prefix);
      expect(validateCreditCode(code)).toEqual({ ok: true, code });
    }
  });

  it('property: changing any one character of a valid code to any other character is rejected', () => {
    const random = prng(32100);
    for (let n = 0; n < CASES; n++) {
      const prefix = randomPrefix(random);
      const code = prefix + creditCodeCheckChar(prefix);
      const position = Math.floor(random() * 18);
      for (const other of CREDIT_CODE_ALPHABET) {
        if (other === code.charAt(position)) {
          continue;
        }
        const changed = code.slice(0, position) + other + code.slice(position + 1);
        const result = validateCreditCode(changed);
        expect(result.ok, `${code} → ${changed}`).toBe(false);
        // A letter in the division digits is a charset problem; every other substitution breaks the check.
        const isLetterInDivision = position >= 2 && position < 8 && !/\d/.test(other);
        expect(result).toEqual({ ok: false, reason: isLetterInDivision ? 'charset' : 'checkChar' });
      }
    }
  });

  it('property: a valid code outside 51/52/53/59 is rejected as notCivilAffairs', () => {
    const random = prng(5);
    let tried = 0;
    while (tried < CASES) {
      const prefix = randomPrefix(random);
      if (prefix.charAt(0) === '5' && '1239'.includes(prefix.charAt(1))) {
        continue;
      }
      tried++;
      const code = prefix + creditCodeCheckChar(prefix);
      expect(validateCreditCode(code, { civilAffairs: true })).toEqual({ ok: false, reason: 'notCivilAffairs' });
    }
  });

  it('property: a valid 民政 code is accepted with civilAffairs', () => {
    const random = prng(51);
    for (let n = 0; n < CASES; n++) {
      const prefix = randomPrefix(random, `5${pick(random, '1239')}`);
      const code = prefix + creditCodeCheckChar(prefix);
      expect(validateCreditCode(code, { civilAffairs: true })).toEqual({ ok: true, code });
    }
  });
});

describe('isValidOrganizationCode (GB 11714-1997)', () => {
  it('accepts hand-checked codes', () => {
    // M000100Y: M22·3 + 0·7 + 0·9 + 0·10 + 1·5 + 0·8 + 0·4 + Y34·2 = 66 + 5 + 68 = 139;
    //   139 mod 11 = 7; 11 − 7 = 4 → '4' (the body of 91350100M000100Y43).
    expect(isValidOrganizationCode('M000100Y4')).toBe(true);
    // MJ001234: 22·3 + 19·7 + 1·5 + 2·8 + 3·4 + 4·2 = 66 + 133 + 5 + 16 + 12 + 8 = 240; 240 mod 11 = 9; 11 − 9 = 2.
    expect(isValidOrganizationCode('MJ0012342')).toBe(true);
    // MJ000000: 66 + 133 = 199; 199 mod 11 = 1; 11 − 1 = 10 → 'X'.
    expect(isValidOrganizationCode('MJ000000X')).toBe(true);
    // 00000000: sum 0; 11 − 0 = 11 → '0'.
    expect(isValidOrganizationCode('000000000')).toBe(true);
    // The printed form with a hyphen, in lower case.
    expect(isValidOrganizationCode('mj001234-2')).toBe(true);
  });

  it('rejects a wrong check character, a wrong length and bad characters', () => {
    expect(isValidOrganizationCode('M000100Y5')).toBe(false);
    expect(isValidOrganizationCode('MJ000000A')).toBe(false);
    expect(isValidOrganizationCode('MJ0000000')).toBe(false);
    expect(isValidOrganizationCode('MJ00000X')).toBe(false);
    expect(isValidOrganizationCode('MJ0000#0X')).toBe(false);
  });

  it('property: a changed body character is caught', () => {
    const random = prng(11714);
    const chars = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    let checked = 0;
    while (checked < CASES) {
      let body = '';
      for (let i = 0; i < 8; i++) {
        body += pick(random, chars);
      }
      const valid = [...'0123456789X'].map((c) => body + c).filter(isValidOrganizationCode);
      expect(valid).toHaveLength(1);
      const code = valid[0]!;
      const position = Math.floor(random() * 8);
      const other = pick(random, chars);
      const changed = code.slice(0, position) + other + code.slice(position + 1);
      // Weights are below 11 and 11 is prime, so a single change mod 11 is detected unless the values differ by 11·k.
      const delta = Number.parseInt(other, 36) - Number.parseInt(code.charAt(position), 36);
      if (delta % 11 !== 0) {
        expect(isValidOrganizationCode(changed), `${code} → ${changed}`).toBe(false);
        checked++;
      }
    }
  });
});
