import type { Role } from '@linli/contract/permissions';
/** A row of `users` with its home area's full name. */
export type UserRow = {
  id: string;
  name: string;
  mobile_enc: Buffer;
  password_hash: string;
  must_change_password: boolean;
  area_code: string;
  area_full_name: string | null;
  status: 'active' | 'disabled';
  failed_sign_ins: number;
  locked_until: Date | null;
  created_at: Date;
};

/** `sessions` joined with its user, with the timeouts already evaluated by the database clock. */
export type SessionRow = {
  user_id: string;
  token_hash: Buffer;
  name: string;
  mobile_enc: Buffer;
  must_change_password: boolean;
  status: 'active' | 'disabled';
  csrf_token: string;
  current_area_code: string | null;
  current_area_level: number | null;
  is_idle: boolean;
  is_expired: boolean;
  needs_touch: boolean;
  /** the user's role grants, read in the same round trip */
  grants: { id: string; role: Role; area_code: string; area_level: number; org_id: string | null }[];
};

/** 等保: idle sessions end after 30 minutes, every session after 12 hours. */
export const SESSION_IDLE = '30 minutes';
export const SESSION_ABSOLUTE = '12 hours';
export const LOCKOUT_FAILURES = 5;
export const LOCKOUT_DURATION = '15 minutes';
