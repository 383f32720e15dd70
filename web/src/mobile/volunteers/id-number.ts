const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/**
 * A hint while the ID number is typed (GB 11643-1999: 17 digits and a check character by
 * ISO 7064 MOD 11-2, a real birth date in places 7–14). The server checks again; this only
 * saves a round trip. `null`: nothing to say (empty, or a valid number).
 */
export function idNumberProblem(raw: string): 'format' | 'birth' | 'checkDigit' | null {
  const id = raw.replace(/\s/g, '').toUpperCase();
  if (id === '') {
    return null;
  }
  if (!/^\d{17}[\dX]$/.test(id)) {
    return 'format';
  }
  const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  const date = new Date(`${birth}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== birth || date.getTime() > Date.now()) {
    return 'birth';
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    sum += Number(id[i]) * WEIGHTS[i]!;
  }
  return CHECK[sum % 11] === id[17] ? null : 'checkDigit';
}
