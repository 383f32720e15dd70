import { z } from 'zod';
import { AreaCode, areaLevels } from './areas';
import { roles } from './permissions';

/** 中国大陆手机号: 11 digits starting with 1[3-9]. Full-width digits and spaces are normalized first. */
export const Mobile = z
  .string()
  .transform((v) => normalizeDigits(v).replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^1[3-9]\d{9}$/, { message: 'mobile.invalid' }));

export function normalizeDigits(value: string): string {
  return value.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).trim();
}

export const SignInBody = z.object({
  mobile: Mobile,
  password: z.string().min(1, { message: 'password.required' }).max(200),
});
export type SignInBody = z.infer<typeof SignInBody>;

export const PasswordChangeBody = z.object({
  currentPassword: z.string().min(1, { message: 'password.required' }).max(200),
  newPassword: z.string().max(200),
});
export type PasswordChangeBody = z.infer<typeof PasswordChangeBody>;

export const AreaRef = z.object({ code: AreaCode, level: z.enum(areaLevels) });
export type AreaRef = z.infer<typeof AreaRef>;

export const Grant = z.object({
  id: z.string().uuid(),
  role: z.enum(roles),
  areaCode: AreaCode,
  areaLevel: z.enum(areaLevels),
  areaName: z.string(),
  areaFullName: z.string(),
  orgId: z.string().uuid().nullable(),
});
export type Grant = z.infer<typeof Grant>;

export const Session = z.object({
  user: z.object({
    id: z.string().uuid(),
    name: z.string(),
    mobileMasked: z.string(),
    mustChangePassword: z.boolean(),
  }),
  grants: z.array(Grant),
  permissions: z.array(z.string()),
  currentArea: z
    .object({ code: AreaCode, level: z.enum(areaLevels), name: z.string(), fullName: z.string() })
    .nullable(),
  csrfToken: z.string(),
});
export type Session = z.infer<typeof Session>;

export const GrantBody = z.object({
  role: z.enum(roles),
  areaCode: AreaCode,
  areaLevel: z.enum(areaLevels),
  orgId: z.string().uuid().optional(),
});
export type GrantBody = z.infer<typeof GrantBody>;

export const UserCreateBody = z.object({
  name: z.string().trim().min(1, { message: 'name.required' }).max(50, { message: 'name.tooLong' }),
  mobile: Mobile,
  areaCode: AreaCode,
  initialPassword: z.string().max(200),
  grant: GrantBody.optional(),
});
export type UserCreateBody = z.infer<typeof UserCreateBody>;

export const UserUpdateBody = z.object({
  name: z.string().trim().min(1, { message: 'name.required' }).max(50, { message: 'name.tooLong' }).optional(),
  areaCode: AreaCode.optional(),
});
export type UserUpdateBody = z.infer<typeof UserUpdateBody>;

export const userStatuses = ['active', 'disabled'] as const;

export const User = z.object({
  id: z.string().uuid(),
  name: z.string(),
  mobileMasked: z.string(),
  areaCode: AreaCode,
  areaFullName: z.string(),
  status: z.enum(userStatuses),
  lockedUntil: z.string().nullable(),
  mustChangePassword: z.boolean(),
  createdAt: z.string(),
  grants: z.array(Grant),
  abilities: z.object({ update: z.boolean(), lock: z.boolean(), grant: z.boolean(), revealMobile: z.boolean() }),
});
export type User = z.infer<typeof User>;

export const UserListQuery = z.object({
  q: z.string().trim().max(50).optional().describe('part of a name, or a full mobile number'),
  status: z.enum(userStatuses).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type UserListQuery = z.infer<typeof UserListQuery>;

export const UserList = z.object({ items: z.array(User), nextCursor: z.string().nullable() });
export type UserList = z.infer<typeof UserList>;

export const UserParams = z.object({ id: z.string().uuid({ message: 'id.invalid' }) });
export const GrantParams = z.object({ id: z.string().uuid(), grantId: z.string().uuid() });

export const RevealedMobile = z.object({ mobile: z.string() });

export const GrantableRoles = z.object({
  items: z.array(z.object({ role: z.enum(roles), label: z.string(), areaLevels: z.array(z.enum(areaLevels)) })),
});
