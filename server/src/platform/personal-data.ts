import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Personal data at rest (等保 level 3; 个人信息保护法 Art. 51): a versioned envelope
 *   [version=1][algorithm][keyId][iv][ciphertext][mac or tag]
 * algorithm 1 = SM4-CTR + HMAC-SM3 (encrypt-then-MAC, GM/T 0002 / GM/T 0004), 2 = AES-256-GCM.
 * Lookups use a keyed hash (HMAC-SM3) so equality search never needs the plaintext.
 */
export type PersonalDataCipher = {
  encrypt: (plain: string) => Buffer;
  decrypt: (envelope: Buffer) => string;
  lookupHash: (normalized: string) => Buffer;
  /** HMAC-SM3 key for the audit hash chain, derived from the same master key. */
  auditKey: Buffer;
  /**
   * A 32-byte key for signing documents the platform issues (e.g. `signingKey('certificate')`),
   * derived from the same master key under its own label, so no two purposes share a key.
   */
  signingKey: (purpose: string) => Buffer;
};

const ENVELOPE_VERSION = 1;
const ALG_SM4 = 1;
const ALG_AES = 2;

/** Reads the master key from LINLI_MASTER_KEY (base64, 32 bytes) or a 0600 key file, creating it once. */
export function loadMasterKey(opts: { masterKey: string | undefined; keyFile: string }): Buffer {
  if (opts.masterKey) {
    const key = Buffer.from(opts.masterKey, 'base64');
    if (key.length !== 32) {
      throw new Error('LINLI_MASTER_KEY must be 32 bytes, base64-encoded');
    }
    return key;
  }
  if (!existsSync(opts.keyFile)) {
    mkdirSync(path.dirname(opts.keyFile), { recursive: true });
    writeFileSync(opts.keyFile, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
  }
  return Buffer.from(readFileSync(opts.keyFile, 'utf8').trim(), 'base64');
}

export function createPersonalDataCipher(masterKey: Buffer, algorithm: 'sm4' | 'aes', keyId = 1): PersonalDataCipher {
  const derive = (info: string, length: number) =>
    Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), `linli/${info}/${keyId}`, length));
  const sm4Key = derive('sm4', 16);
  const macKey = derive('hmac-sm3', 32);
  const aesKey = derive('aes-256-gcm', 32);
  const lookupKey = derive('lookup', 32);
  const auditKey = derive('audit', 32);

  const signingKeys = new Map<string, Buffer>();
  return {
    auditKey,
    signingKey(purpose) {
      let key = signingKeys.get(purpose);
      if (!key) {
        key = derive(`sign:${purpose}`, 32);
        signingKeys.set(purpose, key);
      }
      return key;
    },
    lookupHash: (normalized) => createHmac('sm3', lookupKey).update(normalized, 'utf8').digest(),
    encrypt(plain) {
      if (algorithm === 'sm4') {
        const iv = randomBytes(16);
        const header = Buffer.from([ENVELOPE_VERSION, ALG_SM4, keyId]);
        const cipher = createCipheriv('sm4-ctr', sm4Key, iv);
        const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
        const mac = createHmac('sm3', macKey).update(header).update(iv).update(body).digest();
        return Buffer.concat([header, iv, body, mac]);
      }
      const iv = randomBytes(12);
      const header = Buffer.from([ENVELOPE_VERSION, ALG_AES, keyId]);
      const cipher = createCipheriv('aes-256-gcm', aesKey, iv);
      cipher.setAAD(header);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([header, iv, body, cipher.getAuthTag()]);
    },
    decrypt(envelope) {
      const [version, alg, id] = envelope;
      if (version !== ENVELOPE_VERSION || id !== keyId) {
        throw new Error(`personal data envelope v${version} key ${id} cannot be read with key ${keyId}`);
      }
      const header = envelope.subarray(0, 3);
      if (alg === ALG_SM4) {
        const iv = envelope.subarray(3, 19);
        const body = envelope.subarray(19, envelope.length - 32);
        const mac = envelope.subarray(envelope.length - 32);
        const expected = createHmac('sm3', macKey).update(header).update(iv).update(body).digest();
        if (!timingSafeEqual(mac, expected)) {
          throw new Error('personal data envelope failed its integrity check');
        }
        const decipher = createDecipheriv('sm4-ctr', sm4Key, iv);
        return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
      }
      if (alg === ALG_AES) {
        const iv = envelope.subarray(3, 15);
        const body = envelope.subarray(15, envelope.length - 16);
        const decipher = createDecipheriv('aes-256-gcm', aesKey, iv);
        decipher.setAAD(header);
        decipher.setAuthTag(envelope.subarray(envelope.length - 16));
        return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
      }
      throw new Error(`unknown personal data algorithm ${alg}`);
    },
  };
}

/** 王小明 → 王** (the first character kept): how a person is named on public pages. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  return chars.length <= 1 ? '*' : `${chars[0]}${'*'.repeat(chars.length - 1)}`;
}

/** 13812345678 → 138****5678 */
export function maskMobile(mobile: string): string {
  return mobile.length === 11 ? `${mobile.slice(0, 3)}****${mobile.slice(7)}` : '****';
}

/** 440103199001011234 → 440103********1234 (first six and last four kept). */
export function maskIdNumber(id: string): string {
  return id.length === 18 ? `${id.slice(0, 6)}********${id.slice(14)}` : '******';
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** 居民身份证号码 check character (GB 11643-1999, ISO 7064 MOD 11-2), plus a plausible birth date. */
export function isValidIdNumber(raw: string): boolean {
  const id = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) {
    return false;
  }
  const birth = id.slice(6, 14);
  const date = new Date(`${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10).replaceAll('-', '') !== birth) {
    return false;
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    sum += Number(id[i]) * ID_WEIGHTS[i]!;
  }
  return ID_CHECK[sum % 11] === id[17];
}
