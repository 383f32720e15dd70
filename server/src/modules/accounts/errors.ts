import { defineErrors } from '../../platform/errors';

export const accountErrors = defineErrors({
  AUTH_INVALID_CREDENTIALS: { status: 401, message: '手机号或密码不正确' },
  AUTH_ACCOUNT_LOCKED: { status: 423, message: '连续5次密码错误，账号已锁定15分钟，请稍后再试' },
  AUTH_ACCOUNT_DISABLED: { status: 423, message: '账号已被管理员停用，请联系管理员' },
  AUTH_RATE_LIMITED: { status: 429, message: '该网络地址登录失败次数过多，请稍后再试' },
  PASSWORD_TOO_WEAK: { status: 400, message: '密码至少8位，并包含小写字母、大写字母、数字、符号中的至少三类' },
  PASSWORD_TOO_COMMON: { status: 400, message: '密码过于常见或包含手机号，请换一个' },
  PASSWORD_MISMATCH: { status: 400, message: '当前密码不正确' },
  PASSWORD_REUSED: { status: 400, message: '新密码不能与当前密码相同' },
  USER_MOBILE_TAKEN: { status: 409, message: '该手机号已注册' },
  USER_SELF_LOCK: { status: 409, message: '不能停用自己的账号' },
});

export const passwordMessages = {
  PASSWORD_TOO_WEAK: '密码至少8位，并包含小写字母、大写字母、数字、符号中的至少三类',
  PASSWORD_TOO_COMMON: '密码过于常见或包含手机号，请换一个',
} as const;
