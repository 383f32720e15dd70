import { describe, expect, it } from 'vitest';
import { checkPasswordPolicy } from './password';

describe('password policy', () => {
  it('accepts 8+ characters with three classes', () => {
    expect(checkPasswordPolicy('Gz#neighbour1')).toBeNull();
    expect(checkPasswordPolicy('abcDEF12')).toBeNull();
  });
  it('refuses fewer than 8 characters or fewer than three classes', () => {
    expect(checkPasswordPolicy('aB3$xyz')).toBe('PASSWORD_TOO_WEAK');
    expect(checkPasswordPolicy('abcdefgh12')).toBe('PASSWORD_TOO_WEAK');
  });
  it('refuses common passwords whatever their case, and the mobile number inside', () => {
    expect(checkPasswordPolicy('P@ssw0rd')).toBe('PASSWORD_TOO_COMMON');
    expect(checkPasswordPolicy('Admin@123')).toBe('PASSWORD_TOO_COMMON');
    expect(checkPasswordPolicy('Ab#13812345678', '13812345678')).toBe('PASSWORD_TOO_COMMON');
  });
});
