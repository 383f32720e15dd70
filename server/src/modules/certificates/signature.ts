import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import type { CertificateStatement } from './tables';

/**
 * Signing and verifying a certificate's statement, free of I/O. The MAC is HMAC-SHA256 over the
 * canonical JSON of the statement (keys sorted at every level, no spaces), keyed with the
 * platform's `signingKey('certificate')` (derived from the master key like the audit key). The
 * version prefix leaves room for another algorithm or key later.
 */

const VERSION = 'v1';

/** JSON with object keys sorted at every level: the same statement always gives the same bytes. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function signStatement(key: Buffer, statement: CertificateStatement): string {
  return `${VERSION}.${createHmac('sha256', key).update(canonicalJson(statement), 'utf8').digest('base64url')}`;
}

const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * A certificate verifies when the stored statement still gives the stored signature (the row
 * was not altered) and the presented code is that signature (the QR was not forged).
 */
export function verifyCertificate(
  key: Buffer,
  stored: { statement: CertificateStatement; signature: string; number: string },
  presented: { number: string; sig: string },
): boolean {
  return (
    stored.statement.number === stored.number &&
    stored.number === presented.number &&
    same(signStatement(key, stored.statement), stored.signature) &&
    same(stored.signature, presented.sig)
  );
}

/** Crockford-style letters without I, L, O, U: nothing to misread on paper. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** ZM-2026-7K3M-9Q2X: 证明 + year + 40 random bits (numbers are not a counter, so they cannot be walked). */
export function newCertificateNumber(year: number): string {
  const pick = () => Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return `ZM-${year}-${pick()}-${pick()}`;
}

export const verifyPathOf = (number: string, signature: string) =>
  `/verify/certificates/${encodeURIComponent(number)}?sig=${encodeURIComponent(signature)}`;
