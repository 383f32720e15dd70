import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createPersonalDataCipher, isValidIdNumber, maskIdNumber, maskMobile } from './personal-data';

describe('personal data envelope', () => {
  for (const algorithm of ['sm4', 'aes'] as const) {
    it(`${algorithm}: encrypts to a different envelope each time and decrypts back`, () => {
      const cipher = createPersonalDataCipher(randomBytes(32), algorithm);
      const a = cipher.encrypt('13812345678');
      const b = cipher.encrypt('13812345678');
      expect(a.equals(b)).toBe(false);
      expect(a.includes(Buffer.from('13812345678'))).toBe(false);
      expect(cipher.decrypt(a)).toBe('13812345678');
      expect(a[0]).toBe(1);
      expect(a[1]).toBe(algorithm === 'sm4' ? 1 : 2);
    });

    it(`${algorithm}: a flipped ciphertext bit is refused`, () => {
      const cipher = createPersonalDataCipher(randomBytes(32), algorithm);
      const envelope = cipher.encrypt('440103199001011238');
      envelope[5]! ^= 1;
      expect(() => cipher.decrypt(envelope)).toThrow();
    });
  }

  it('a cipher configured for AES still reads SM4 envelopes written with the same key (algorithm rotation)', () => {
    const key = randomBytes(32);
    const old = createPersonalDataCipher(key, 'sm4').encrypt('13900001111');
    expect(createPersonalDataCipher(key, 'aes').decrypt(old)).toBe('13900001111');
  });

  it('lookup hashes are keyed: equal for equal input, different under another key', () => {
    const key = randomBytes(32);
    const one = createPersonalDataCipher(key, 'sm4');
    expect(one.lookupHash('13812345678').equals(one.lookupHash('13812345678'))).toBe(true);
    expect(
      one.lookupHash('13812345678').equals(createPersonalDataCipher(randomBytes(32), 'sm4').lookupHash('13812345678')),
    ).toBe(false);
  });
});

describe('masking', () => {
  it('masks a mobile number as 138****5678', () => {
    expect(maskMobile('13812345678')).toBe('138****5678');
  });
  it('masks an ID number keeping the first six and last four', () => {
    expect(maskIdNumber('44010319900101123X')).toBe('440103********123X');
  });
});

describe('GB 11643 check character', () => {
  it('accepts valid numbers, including the X check character', () => {
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('440524188001010014')).toBe(true);
  });
  it('refuses a wrong check character, a bad date and a short number', () => {
    expect(isValidIdNumber('110105194912310021')).toBe(false);
    expect(isValidIdNumber('110105194902300020')).toBe(false);
    expect(isValidIdNumber('11010519491231002')).toBe(false);
  });
});
