import { hash, verify } from '@node-rs/argon2';

/** argon2id, OWASP's second recommended setting (m=19 MiB, t=2, p=1). */
// algorithm 2 = Argon2id (the package's const enum cannot be imported under verbatimModuleSyntax)
const ARGON2 = { algorithm: 2 as const, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export const hashPassword = (password: string) => hash(password, ARGON2);
export const verifyPassword = (hashed: string, password: string) => verify(hashed, password).catch(() => false);

/** A hash to verify against when the account does not exist, so timing does not reveal it. */
let dummyHash: Promise<string> | null = null;
export function dummyVerify(password: string): Promise<boolean> {
  dummyHash ??= hashPassword('linli-no-such-account');
  return dummyHash.then((h) => verifyPassword(h, password));
}

/** The most common passwords (including the ones Chinese users favour); compared case-insensitively. */
const COMMON = new Set(
  `123456 12345678 123456789 1234567890 password 11111111 00000000 88888888 66666666 12341234 qwerty qwerty123
  qwertyuiop 1qaz2wsx 1qaz@wsx 1q2w3e4r 1q2w3e4r5t zaq12wsx qazwsx123 qwe123456 abc123456 abcd1234 abcd@1234
  a1234567 a12345678 a123456789 aa123456 aa123456! aa112233 password1 password123 passw0rd p@ssw0rd p@ssw0rd123
  p@ssword1 admin123 admin@123 admin@1234 admin123456 administrator root@123 root1234 test@123 test1234 welcome1
  welcome@123 letmein1 iloveyou1 woaini1314 woaini520 5201314a 5201314abc a5201314 huawei@123 huawei123 sunshine1
  zxcv1234 zxcvbnm1 asdf1234 asdfghjkl1 qwer1234 qwer@1234 q1w2e3r4 1234qwer 1234abcd abc@1234 abc12345 changeme1
  linli123 linli@123 linli2026 demo@2026 china123 china@123 beijing123 shanghai1 guangzhou1 chengdu123 a1b2c3d4
  super123 master123 dragon123 monkey123 football1 baseball1 princess1 password! password@1 qwerty@123 1qaz!qaz
  !qaz2wsx 1qazxsw2 2wsx3edc 12qwaszx q1w2e3r4t5 aa123123 abc123abc wang1234 zhang123 li123456 liu123456`
    .split(/\s+/)
    .filter(Boolean),
);

export type PasswordProblem = 'PASSWORD_TOO_WEAK' | 'PASSWORD_TOO_COMMON';

/**
 * 等保 level-3 password rule: at least 8 characters with 3 of the 4 classes (lower, upper,
 * digit, symbol), not a common password, and not containing the account's mobile number.
 */
export function checkPasswordPolicy(password: string, mobile?: string): PasswordProblem | null {
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (password.length < 8 || classes < 3) {
    return 'PASSWORD_TOO_WEAK';
  }
  if (COMMON.has(password.toLowerCase()) || (mobile !== undefined && password.includes(mobile))) {
    return 'PASSWORD_TOO_COMMON';
  }
  return null;
}
