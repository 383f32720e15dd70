/**
 * 统一社会信用代码 (GB 32100-2015) and the 组织机构代码 inside it (GB 11714-1997). Pure functions,
 * shared by the contract schemas, the survey import and the console.
 *
 * Layout of the 18 characters:
 *   1      registration authority (登记管理部门码: 5 = 民政, 9 = 工商 …)
 *   2      organization type within that authority (机构类别码)
 *   3–8    administrative division of the registering authority (GB/T 2260, 6 digits)
 *   9–17   organization code body (主体标识码, a GB 11714 organization code with its own check digit)
 *   18     check character over the first 17
 */

/** The 31 characters a credit code may use: digits and capitals without I, O, Z, S, V; a character's value is its index. */
export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** GB 32100-2015 §4.2: the weight of position i (0-based) is 3^i mod 31. */
export const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** 民政 (civil affairs) registration authority code. */
export const CIVIL_AFFAIRS_AUTHORITY = '5';

/** Type codes under 民政: 1 社会团体, 2 民办非企业单位 (社会服务机构), 3 基金会, 9 其他. */
export const civilAffairsOrgTypes = ['1', '2', '3', '9'] as const;

export type CreditCodeProblem = 'length' | 'charset' | 'checkChar' | 'notCivilAffairs';
export type CreditCodeCheck = { ok: true; code: string } | { ok: false; reason: CreditCodeProblem };

const VALUE_OF = new Map([...CREDIT_CODE_ALPHABET].map((char, index) => [char, index]));
const SHAPE = /^[0-9A-HJ-NP-RTUWXY]{2}\d{6}[0-9A-HJ-NP-RTUWXY]{10}$/;

/**
 * The canonical spelling of a typed or pasted code: full-width forms to half-width, upper case,
 * without whitespace (so also trimmed) and without hyphens or dashes.
 */
export function normalizeCreditCode(raw: string): string {
  return toHalfWidth(raw)
    .toUpperCase()
    .replace(/[\s\-\u2010-\u2015\u2212]/gu, '');
}

/** The check character (position 18) for the first 17 characters of a code, which must already be canonical. */
export function creditCodeCheckChar(first17: string): string {
  if (first17.length !== 17) {
    throw new RangeError(`a credit code prefix has 17 characters, got ${first17.length}`);
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = VALUE_OF.get(first17.charAt(i));
    if (value === undefined) {
      throw new RangeError(`"${first17.charAt(i)}" is not a credit code character`);
    }
    sum += value * CREDIT_CODE_WEIGHTS[i]!;
  }
  // C18 = 31 − (Σ mod 31); a result of 31 (sum divisible by 31) is written as 0.
  return CREDIT_CODE_ALPHABET.charAt((31 - (sum % 31)) % 31);
}

/**
 * Checks a 统一社会信用代码: length, character set (positions 3–8 must be the six division
 * digits, so a letter there is a `charset` problem), then the check character. With
 * `civilAffairs`, the code must also be one issued by 民政 to a 社会团体, 民办非企业单位/社会服务机构,
 * 基金会 or 其他 (prefix 51, 52, 53 or 59): the only codes a registered community organization holds.
 *
 * The GB 11714 check digit of the organization code body (positions 9–17) is deliberately not
 * required: body codes of many social organizations were assigned by the registration system
 * (e.g. the `MJ…` series) rather than by the organization-code authority, and real, valid codes
 * fail it. Use `isValidOrganizationCode` where the old 9-character code itself is being checked.
 */
export function validateCreditCode(raw: string, options: { civilAffairs?: boolean } = {}): CreditCodeCheck {
  const code = normalizeCreditCode(raw);
  if (code.length !== 18) {
    return { ok: false, reason: 'length' };
  }
  if (!SHAPE.test(code)) {
    return { ok: false, reason: 'charset' };
  }
  if (creditCodeCheckChar(code.slice(0, 17)) !== code.charAt(17)) {
    return { ok: false, reason: 'checkChar' };
  }
  if (options.civilAffairs && !isCivilAffairsPrefix(code)) {
    return { ok: false, reason: 'notCivilAffairs' };
  }
  return { ok: true, code };
}

/** Whether a (canonical) code was issued by 民政 to a kind of organization a community organization can be. */
export function isCivilAffairsPrefix(code: string): boolean {
  return (
    code.charAt(0) === CIVIL_AFFAIRS_AUTHORITY && (civilAffairsOrgTypes as readonly string[]).includes(code.charAt(1))
  );
}

const ORGANIZATION_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

/**
 * GB 11714-1997 组织机构代码: eight body characters (digits or capitals, A = 10 … Z = 35) and a
 * check character C9 = 11 − (Σ value × weight mod 11), with 10 written `X` and 11 written `0`.
 * Accepts the printed form `12345678-9` (input is normalized like a credit code).
 */
export function isValidOrganizationCode(nineChars: string): boolean {
  const code = normalizeCreditCode(nineChars);
  if (!/^[0-9A-Z]{8}[0-9X]$/.test(code)) {
    return false;
  }
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    sum += Number.parseInt(code.charAt(i), 36) * ORGANIZATION_CODE_WEIGHTS[i]!;
  }
  const check = 11 - (sum % 11);
  const expected = check === 10 ? 'X' : check === 11 ? '0' : String(check);
  return code.charAt(8) === expected;
}

/** Full-width ASCII forms (U+FF01–FF5E) and the ideographic space to their half-width forms. */
function toHalfWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E\u3000]/gu, (char) =>
    char === '\u3000' ? ' ' : String.fromCharCode(char.charCodeAt(0) - 0xfee0),
  );
}
