/** Full-width digits, spaces and hyphens are tolerated in a typed mobile number (the server does the same). */
export function normalizeMobile(value: string): string {
  return value.replace(/[０-９]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xfee0)).replace(/[\s-]/g, '');
}

export function isMobile(value: string): boolean {
  return /^1[3-9]\d{9}$/.test(normalizeMobile(value));
}
