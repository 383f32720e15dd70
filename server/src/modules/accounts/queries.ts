import { type Scope, scopeSql } from '../../platform/access';
import type { Queryable } from '../../platform/db';
import { grantsJsonSql } from '../access/index';
import {
  LOCKOUT_DURATION,
  LOCKOUT_FAILURES,
  SESSION_ABSOLUTE,
  SESSION_IDLE,
  type SessionRow,
  type UserRow,
} from './tables';

const USER_SELECT = `SELECT u.id, u.name, u.mobile_enc, u.password_hash, u.must_change_password, u.area_code,
       (SELECT a.full_name FROM areas a WHERE a.code = u.area_code ORDER BY a.level LIMIT 1) AS area_full_name,
       u.status, u.failed_sign_ins, u.locked_until, u.created_at
  FROM users u`;

export async function findUserByMobileHash(db: Queryable, mobileHash: Buffer): Promise<UserRow | null> {
  const { rows } = await db.query<UserRow>(`${USER_SELECT} WHERE u.mobile_hash = $1`, [mobileHash]);
  return rows[0] ?? null;
}

/** A user by id, only if the user's home area is inside `scope`. */
export async function findUserInScope(db: Queryable, id: string, scope: Scope): Promise<UserRow | null> {
  const params: unknown[] = [id];
  const { rows } = await db.query<UserRow>(
    `${USER_SELECT} WHERE u.id = $1 AND ${scopeSql('u.area_code', scope, params)}`,
    params,
  );
  return rows[0] ?? null;
}

export async function findUserById(db: Queryable, id: string): Promise<UserRow | null> {
  const { rows } = await db.query<UserRow>(`${USER_SELECT} WHERE u.id = $1`, [id]);
  return rows[0] ?? null;
}

/** Users in scope, newest first, keyset-paginated on (created_at, id). */
export async function listUsersInScope(
  db: Queryable,
  input: {
    scope: Scope;
    nameLike?: string;
    mobileHash?: Buffer;
    status?: string;
    after?: { createdAt: string; id: string };
    limit: number;
  },
): Promise<UserRow[]> {
  const params: unknown[] = [];
  const where = [scopeSql('u.area_code', input.scope, params)];
  if (input.mobileHash) {
    params.push(input.mobileHash);
    where.push(`u.mobile_hash = $${params.length}`);
  } else if (input.nameLike) {
    params.push(`%${input.nameLike.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where.push(`u.name LIKE $${params.length}`);
  }
  if (input.status) {
    params.push(input.status);
    where.push(`u.status = $${params.length}`);
  }
  if (input.after) {
    params.push(input.after.createdAt, input.after.id);
    where.push(`(u.created_at, u.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
  }
  params.push(input.limit);
  const { rows } = await db.query<UserRow>(
    `${USER_SELECT} WHERE ${where.join(' AND ')} ORDER BY u.created_at DESC, u.id DESC LIMIT $${params.length}`,
    params,
  );
  return rows;
}

export async function insertUser(
  db: Queryable,
  u: {
    name: string;
    mobileEnc: Buffer;
    mobileHash: Buffer;
    passwordHash: string;
    areaCode: string;
    mustChangePassword: boolean;
    createdBy: string | null;
  },
): Promise<string | null> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO users (name, mobile_enc, mobile_hash, password_hash, area_code, must_change_password, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (mobile_hash) DO NOTHING RETURNING id`,
    [u.name, u.mobileEnc, u.mobileHash, u.passwordHash, u.areaCode, u.mustChangePassword, u.createdBy],
  );
  return rows[0]?.id ?? null;
}

export async function updateUserFields(
  db: Queryable,
  id: string,
  fields: { name?: string; areaCode?: string },
): Promise<void> {
  await db.query(
    'UPDATE users SET name = coalesce($2, name), area_code = coalesce($3, area_code), updated_at = now() WHERE id = $1',
    [id, fields.name ?? null, fields.areaCode ?? null],
  );
}

export async function setUserStatus(db: Queryable, id: string, status: 'active' | 'disabled'): Promise<void> {
  await db.query(
    `UPDATE users SET status = $2, updated_at = now(),
            locked_until = CASE WHEN $2 = 'active' THEN NULL ELSE locked_until END,
            failed_sign_ins = CASE WHEN $2 = 'active' THEN 0 ELSE failed_sign_ins END
      WHERE id = $1`,
    [id, status],
  );
}

export async function setPassword(db: Queryable, id: string, passwordHash: string, mustChange: boolean): Promise<void> {
  await db.query(
    `UPDATE users SET password_hash = $2, must_change_password = $3, password_changed_at = now(), updated_at = now()
      WHERE id = $1`,
    [id, passwordHash, mustChange],
  );
}

/** Counts a failed password; the fifth in a row locks the account. Returns whether it is now locked. */
export async function recordFailedSignIn(db: Queryable, id: string): Promise<boolean> {
  const { rows } = await db.query<{ locked: boolean }>(
    `UPDATE users SET
        failed_sign_ins = CASE WHEN failed_sign_ins + 1 >= ${LOCKOUT_FAILURES} THEN 0 ELSE failed_sign_ins + 1 END,
        locked_until = CASE WHEN failed_sign_ins + 1 >= ${LOCKOUT_FAILURES} THEN now() + interval '${LOCKOUT_DURATION}'
                            ELSE locked_until END
      WHERE id = $1
      RETURNING locked_until IS NOT NULL AND locked_until > now() AS locked`,
    [id],
  );
  return rows[0]?.locked ?? false;
}

export async function isLocked(db: Queryable, id: string): Promise<boolean> {
  const { rows } = await db.query<{ locked: boolean }>(
    'SELECT locked_until IS NOT NULL AND locked_until > now() AS locked FROM users WHERE id = $1',
    [id],
  );
  return rows[0]?.locked ?? false;
}

export async function clearFailedSignIns(db: Queryable, id: string): Promise<void> {
  await db.query('UPDATE users SET failed_sign_ins = 0, locked_until = NULL WHERE id = $1', [id]);
}

/** Failures from one source address in the current 15-minute window, after counting this one when `bump`. */
export async function sourceFailures(db: Queryable, sourceIp: string, bump: boolean): Promise<number> {
  if (!bump) {
    const { rows } = await db.query<{ failures: number }>(
      `SELECT failures FROM sign_in_throttle WHERE source_ip = $1 AND window_started_at > now() - interval '15 minutes'`,
      [sourceIp],
    );
    return rows[0]?.failures ?? 0;
  }
  const { rows } = await db.query<{ failures: number }>(
    `INSERT INTO sign_in_throttle (source_ip, failures, window_started_at) VALUES ($1, 1, now())
     ON CONFLICT (source_ip) DO UPDATE SET
       failures = CASE WHEN sign_in_throttle.window_started_at > now() - interval '15 minutes'
                       THEN sign_in_throttle.failures + 1 ELSE 1 END,
       window_started_at = CASE WHEN sign_in_throttle.window_started_at > now() - interval '15 minutes'
                       THEN sign_in_throttle.window_started_at ELSE now() END
     RETURNING failures`,
    [sourceIp],
  );
  return rows[0]!.failures;
}

export async function insertSession(
  db: Queryable,
  s: { tokenHash: Buffer; userId: string; csrfToken: string; sourceIp: string; userAgent: string | null },
): Promise<void> {
  await db.query(
    `INSERT INTO sessions (token_hash, user_id, csrf_token, expires_at, source_ip, user_agent)
     VALUES ($1, $2, $3, now() + interval '${SESSION_ABSOLUTE}', $4, $5)`,
    [s.tokenHash, s.userId, s.csrfToken, s.sourceIp, s.userAgent],
  );
}

/** The sessions of these token hashes (those that exist), each with its user and grants. */
export async function findSessions(db: Queryable, tokenHashes: Buffer[]): Promise<SessionRow[]> {
  // named (prepared): every signed-in request runs it (batched: session-batches.ts), and PostgreSQL
  // then plans it once per connection
  const { rows } = await db.query<SessionRow>({
    name: 'accounts.findSessions',
    text: `SELECT s.token_hash, s.user_id, u.name, u.mobile_enc, u.must_change_password, u.status, s.csrf_token,
            s.current_area_code, s.current_area_level,
            s.last_seen_at < now() - interval '${SESSION_IDLE}' AS is_idle,
            s.expires_at <= now() AS is_expired,
            s.last_seen_at < now() - interval '30 seconds' AS needs_touch,
            ${grantsJsonSql('s.user_id')} AS grants
       FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.token_hash = ANY($1::bytea[])`,
    values: [tokenHashes],
  });
  return rows;
}

/** Marks a batch of sessions as just seen (session-touch.ts). */
export async function touchSessions(db: Queryable, tokenHashes: Buffer[]): Promise<void> {
  await db.query('UPDATE sessions SET last_seen_at = now() WHERE token_hash = ANY($1::bytea[])', [tokenHashes]);
}

export async function deleteSession(db: Queryable, tokenHash: Buffer): Promise<void> {
  await db.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
}

/** Ends every session of a user, except `keep` when given. Returns how many ended. */
export async function deleteUserSessions(db: Queryable, userId: string, keep?: Buffer): Promise<number> {
  const result = await db.query('DELETE FROM sessions WHERE user_id = $1 AND ($2::bytea IS NULL OR token_hash <> $2)', [
    userId,
    keep ?? null,
  ]);
  return result.rowCount ?? 0;
}

export async function setSessionArea(db: Queryable, tokenHash: Buffer, code: string, level: number): Promise<void> {
  await db.query('UPDATE sessions SET current_area_code = $2, current_area_level = $3 WHERE token_hash = $1', [
    tokenHash,
    code,
    level,
  ]);
}
