import { setTimeout as sleep } from 'node:timers/promises';
import type {
  AreaRef,
  GrantBody,
  PasswordChangeBody,
  Session,
  SignInBody,
  User,
  UserCreateBody,
  UserListQuery,
  UserUpdateBody,
} from '@linli/contract/accounts';
import { isWithin } from '@linli/contract/areas';
import type { FieldError } from '@linli/contract/errors';
import type { PermissionKey } from '@linli/contract/permissions';
import { type Actor, auditContextOf, isInScope, permissionsOf, scopeOf } from '../../platform/access';
import { type AuditContext, appendAudit } from '../../platform/audit';
import { hashToken, newToken } from '../../platform/auth';
import { type Db, type Queryable, withTransaction } from '../../platform/db';
import { platformErrors } from '../../platform/errors';
import { maskMobile, type PersonalDataCipher } from '../../platform/personal-data';
import { grantRole, grantsOfUsers, revokeGrant } from '../access/index';
import { getArea } from '../areas/index';
import { levelName, levelNumber } from '../areas/tables';
import { accountErrors, passwordMessages } from './errors';
import { checkPasswordPolicy, dummyVerify, hashPassword, verifyPassword } from './password';
import { userAbilities } from './policy';
import * as q from './queries';
import type { SessionRow, UserRow } from './tables';

export type AccountDeps = {
  db: Db;
  cipher: PersonalDataCipher;
  /** marks a session as seen later, in a batch (session-batches.ts); without it, at once */
  touchLater?: (tokenHash: Buffer) => void;
  /** reads a session together with others requested at the same time (session-batches.ts) */
  loadSession?: (tokenHash: Buffer) => Promise<SessionRow | null>;
};

const field = (path: string, code: string, message: string): FieldError[] => [{ path, code, message }];

function passwordError(path: string, problem: keyof typeof passwordMessages) {
  return accountErrors[problem](field(path, problem, passwordMessages[problem]));
}

// ─── sessions ────────────────────────────────────────────────────────────────

/** Resolves a session cookie to an actor, ending sessions past their idle or absolute timeout. */
export async function resolveSession(deps: AccountDeps, tokenHash: Buffer, sourceIp: string): Promise<Actor | null> {
  const row = deps.loadSession
    ? await deps.loadSession(tokenHash)
    : ((await q.findSessions(deps.db, [tokenHash]))[0] ?? null);
  if (!row) {
    return null;
  }
  if (row.is_idle || row.is_expired || row.status !== 'active') {
    await q.deleteSession(deps.db, tokenHash);
    return null;
  }
  if (row.needs_touch) {
    if (deps.touchLater) {
      deps.touchLater(tokenHash);
    } else {
      await q.touchSessions(deps.db, [tokenHash]);
    }
  }
  return {
    userId: row.user_id,
    name: row.name,
    mustChangePassword: row.must_change_password,
    grants: row.grants.map((g) => ({
      id: g.id,
      role: g.role,
      areaCode: g.area_code,
      areaLevel: levelName(g.area_level),
      orgId: g.org_id,
    })),
    currentArea:
      row.current_area_code && row.current_area_level !== null
        ? { code: row.current_area_code, level: levelName(row.current_area_level) }
        : null,
    sessionTokenHash: tokenHash,
    csrfToken: row.csrf_token,
    sourceIp,
  };
}

export async function presentSession(deps: AccountDeps, actor: Actor): Promise<Session> {
  const user = await q.findUserById(deps.db, actor.userId);
  const grants = (await grantsOfUsers(deps.db, [actor.userId])).get(actor.userId) ?? [];
  const current = actor.currentArea ? await getArea(deps.db, actor.currentArea.code, actor.currentArea.level) : null;
  return {
    user: {
      id: actor.userId,
      name: actor.name,
      mobileMasked: user ? maskMobile(deps.cipher.decrypt(user.mobile_enc)) : '',
      mustChangePassword: actor.mustChangePassword,
    },
    grants,
    permissions: permissionsOf(actor),
    currentArea: current
      ? { code: current.code, level: current.level, name: current.name, fullName: current.fullName }
      : null,
    csrfToken: actor.csrfToken,
  };
}

/** Delay before answering a source address that keeps failing: slows guessing across accounts. */
function throttleDelayMs(failures: number): number {
  return failures <= 5 ? 0 : Math.min(250 * 2 ** (failures - 6), 8000);
}
const SOURCE_FAILURE_LIMIT = 100;

/**
 * signIn — mobile number + password (等保 level 3). Five wrong passwords in a row lock the
 * account for 15 minutes; a source address with many failures is slowed, then refused.
 * Audits `auth.signIn`, `auth.signInFailed`, `auth.locked`. Failures are committed before the
 * error is answered.
 */
export async function signIn(
  deps: AccountDeps,
  input: SignInBody & { sourceIp: string; userAgent: string | null },
): Promise<{ token: string; csrfToken: string; actor: Actor }> {
  const ctx: AuditContext = { actorId: null, actorRole: null, sourceIp: input.sourceIp };
  const previous = await q.sourceFailures(deps.db, input.sourceIp, false);
  if (previous >= SOURCE_FAILURE_LIMIT) {
    throw accountErrors.AUTH_RATE_LIMITED();
  }
  await sleep(throttleDelayMs(previous));

  const mobileHash = deps.cipher.lookupHash(input.mobile);
  const user = await q.findUserByMobileHash(deps.db, mobileHash);
  const fail = async (reason: string, lock: boolean) => {
    await withTransaction(deps.db, async (tx) => {
      await q.sourceFailures(tx, input.sourceIp, true);
      await appendAudit(
        tx,
        deps.cipher.auditKey,
        { ...ctx, actorId: user?.id ?? null },
        {
          action: 'auth.signInFailed',
          entity: 'user',
          entityId: user?.id ?? null,
          areaCode: user?.area_code ?? null,
          after: { mobile: maskMobile(input.mobile), reason },
        },
      );
      if (lock && user) {
        await appendAudit(
          tx,
          deps.cipher.auditKey,
          { ...ctx, actorId: user.id },
          {
            action: 'auth.locked',
            entity: 'user',
            entityId: user.id,
            areaCode: user.area_code,
            after: { lockedFor: '15 minutes' },
          },
        );
      }
    });
  };

  if (!user) {
    await dummyVerify(input.password);
    await fail('unknownAccount', false);
    throw accountErrors.AUTH_INVALID_CREDENTIALS();
  }
  if (user.status !== 'active') {
    await fail('disabled', false);
    throw accountErrors.AUTH_ACCOUNT_DISABLED();
  }
  if (await q.isLocked(deps.db, user.id)) {
    await fail('locked', false);
    throw accountErrors.AUTH_ACCOUNT_LOCKED();
  }
  if (!(await verifyPassword(user.password_hash, input.password))) {
    const locked = await q.recordFailedSignIn(deps.db, user.id);
    await fail('wrongPassword', locked);
    throw locked ? accountErrors.AUTH_ACCOUNT_LOCKED() : accountErrors.AUTH_INVALID_CREDENTIALS();
  }

  const token = newToken();
  const csrfToken = newToken();
  const { tokenHash } = await withTransaction(deps.db, async (tx) => {
    await q.clearFailedSignIns(tx, user.id);
    const hashed = hashToken(token);
    await q.insertSession(tx, {
      tokenHash: hashed,
      userId: user.id,
      csrfToken,
      sourceIp: input.sourceIp,
      userAgent: input.userAgent,
    });
    await appendAudit(
      tx,
      deps.cipher.auditKey,
      { ...ctx, actorId: user.id },
      {
        action: 'auth.signIn',
        entity: 'user',
        entityId: user.id,
        areaCode: user.area_code,
      },
    );
    return { tokenHash: hashed };
  });
  const actor = await resolveSession(deps, tokenHash, input.sourceIp);
  return { token, csrfToken, actor: actor! };
}

/** signOut — ends this session. Audits `auth.signOut`. */
export async function signOut(deps: AccountDeps, actor: Actor): Promise<void> {
  await withTransaction(deps.db, async (tx) => {
    await q.deleteSession(tx, actor.sessionTokenHash);
    await appendAudit(tx, deps.cipher.auditKey, auditContextOf(actor), {
      action: 'auth.signOut',
      entity: 'user',
      entityId: actor.userId,
    });
  });
}

/** signOutEverywhere — ends every session of the actor, on every device. Audits `auth.signOutEverywhere`. */
export async function signOutEverywhere(deps: AccountDeps, actor: Actor): Promise<void> {
  await withTransaction(deps.db, async (tx) => {
    const ended = await q.deleteUserSessions(tx, actor.userId);
    await appendAudit(tx, deps.cipher.auditKey, auditContextOf(actor), {
      action: 'auth.signOutEverywhere',
      entity: 'user',
      entityId: actor.userId,
      after: { sessionsEnded: ended },
    });
  });
}

/**
 * changePassword — the actor's own password; clears the first-sign-in flag and ends the
 * actor's other sessions. Audits `auth.passwordChanged` (never the password).
 */
export async function changePassword(deps: AccountDeps, actor: Actor, input: PasswordChangeBody): Promise<Actor> {
  const user = await q.findUserById(deps.db, actor.userId);
  if (!user || !(await verifyPassword(user.password_hash, input.currentPassword))) {
    throw accountErrors.PASSWORD_MISMATCH(field('currentPassword', 'PASSWORD_MISMATCH', '当前密码不正确'));
  }
  if (input.newPassword === input.currentPassword) {
    throw accountErrors.PASSWORD_REUSED(field('newPassword', 'PASSWORD_REUSED', '新密码不能与当前密码相同'));
  }
  const problem = checkPasswordPolicy(input.newPassword, deps.cipher.decrypt(user.mobile_enc));
  if (problem) {
    throw passwordError('newPassword', problem);
  }
  const passwordHash = await hashPassword(input.newPassword);
  await withTransaction(deps.db, async (tx) => {
    await q.setPassword(tx, actor.userId, passwordHash, false);
    await q.deleteUserSessions(tx, actor.userId, actor.sessionTokenHash);
    await appendAudit(tx, deps.cipher.auditKey, auditContextOf(actor), {
      action: 'auth.passwordChanged',
      entity: 'user',
      entityId: actor.userId,
      areaCode: user.area_code,
      before: { mustChangePassword: user.must_change_password },
      after: { mustChangePassword: false },
    });
  });
  return { ...actor, mustChangePassword: false };
}

/** setCurrentArea — the jurisdiction switcher: any area inside one of the actor's grants. */
export async function setCurrentArea(deps: AccountDeps, actor: Actor, input: AreaRef): Promise<Actor> {
  const area = await getArea(deps.db, input.code, input.level);
  if (!actor.grants.some((g) => isWithin(area.code, g.areaCode, g.areaLevel))) {
    throw platformErrors.NOT_FOUND(field('code', 'AREA_OUT_OF_SCOPE', '该行政区划不在您的管辖范围内'));
  }
  await q.setSessionArea(deps.db, actor.sessionTokenHash, area.code, levelNumber(area.level));
  return { ...actor, currentArea: { code: area.code, level: area.level } };
}

// ─── users ───────────────────────────────────────────────────────────────────

async function presentUsers(deps: AccountDeps, actor: Actor, rows: UserRow[]): Promise<User[]> {
  const grants = await grantsOfUsers(
    deps.db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    mobileMasked: maskMobile(deps.cipher.decrypt(r.mobile_enc)),
    areaCode: r.area_code,
    areaFullName: r.area_full_name ?? r.area_code,
    status: r.status,
    lockedUntil: r.locked_until && r.locked_until > new Date() ? r.locked_until.toISOString() : null,
    mustChangePassword: r.must_change_password,
    createdAt: r.created_at.toISOString(),
    grants: grants.get(r.id) ?? [],
    abilities: userAbilities(actor, { id: r.id, areaCode: r.area_code }),
  }));
}

/** Whether an account with this mobile number exists (for seeds and the CLI). */
export async function isMobileRegistered(deps: AccountDeps, mobile: string): Promise<boolean> {
  return (await userIdByMobile(deps, mobile)) !== null;
}

export async function userIdByMobile(deps: AccountDeps, mobile: string): Promise<string | null> {
  return (await q.findUserByMobileHash(deps.db, deps.cipher.lookupHash(mobile)))?.id ?? null;
}

/** A user the actor may act on under `permission`; otherwise the same 404 as a missing one. */
async function userInScope(db: Queryable, actor: Actor, id: string, permission: PermissionKey): Promise<UserRow> {
  const row = await q.findUserInScope(db, id, scopeOf(actor, permission));
  if (!row) {
    throw platformErrors.NOT_FOUND();
  }
  return row;
}

async function areaInScope(db: Queryable, actor: Actor, code: string, permission: PermissionKey, path: string) {
  const area = await getArea(db, code).catch(() => {
    throw platformErrors.VALIDATION_FAILED(field(path, 'AREA_NOT_FOUND', '未找到该行政区划'));
  });
  if (!isInScope(scopeOf(actor, permission), area.code)) {
    throw platformErrors.FORBIDDEN(field(path, 'AREA_OUT_OF_SCOPE', '该行政区划不在您的管辖范围内'));
  }
  return area;
}

export async function getUser(deps: AccountDeps, actor: Actor, id: string): Promise<User> {
  const row = await userInScope(deps.db, actor, id, 'users.read');
  return (await presentUsers(deps, actor, [row]))[0]!;
}

function decodeCursor(cursor: string | undefined): { createdAt: string; id: string } | undefined {
  if (!cursor) {
    return undefined;
  }
  const [createdAt, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!createdAt || !id || Number.isNaN(Date.parse(createdAt)) || !/^[0-9a-f-]{36}$/.test(id)) {
    throw platformErrors.VALIDATION_FAILED(field('cursor', 'invalid_format', '分页游标无效'));
  }
  return { createdAt, id };
}

export async function listUsers(deps: AccountDeps, actor: Actor, query: UserListQuery) {
  const term = query.q?.replace(/[\s-]/g, '');
  const isMobile = term !== undefined && /^1[3-9]\d{9}$/.test(term);
  const rows = await q.listUsersInScope(deps.db, {
    scope: scopeOf(actor, 'users.read'),
    nameLike: isMobile ? undefined : query.q || undefined,
    mobileHash: isMobile ? deps.cipher.lookupHash(term) : undefined,
    status: query.status,
    after: decodeCursor(query.cursor),
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: await presentUsers(deps, actor, page),
    nextCursor:
      rows.length > query.limit && last
        ? Buffer.from(`${last.created_at.toISOString()}|${last.id}`).toString('base64url')
        : null,
  };
}

/**
 * createUser — an account inside the actor's jurisdiction, optionally with its first role.
 * The person must change the initial password at first sign-in. Audits `user.create`
 * (and `role.grant`).
 */
export async function createUser(deps: AccountDeps, actor: Actor | null, input: UserCreateBody): Promise<string> {
  const area = actor
    ? await areaInScope(deps.db, actor, input.areaCode, 'users.create', 'areaCode')
    : await getArea(deps.db, input.areaCode);
  const problem = checkPasswordPolicy(input.initialPassword, input.mobile);
  if (problem) {
    throw passwordError('initialPassword', problem);
  }
  const passwordHash = await hashPassword(input.initialPassword);
  return withTransaction(deps.db, async (tx) => {
    const id = await q.insertUser(tx, {
      name: input.name,
      mobileEnc: deps.cipher.encrypt(input.mobile),
      mobileHash: deps.cipher.lookupHash(input.mobile),
      passwordHash,
      areaCode: area.code,
      mustChangePassword: true,
      createdBy: actor?.userId ?? null,
    });
    if (!id) {
      throw accountErrors.USER_MOBILE_TAKEN(field('mobile', 'USER_MOBILE_TAKEN', '该手机号已注册'));
    }
    await appendAudit(tx, deps.cipher.auditKey, auditContextOf(actor, 'users.create', area.code), {
      action: 'user.create',
      entity: 'user',
      entityId: id,
      areaCode: area.code,
      after: { name: input.name, mobile: maskMobile(input.mobile), areaCode: area.code },
    });
    if (input.grant) {
      await grantRole(tx, deps.cipher.auditKey, actor, id, input.grant);
    }
    return id;
  });
}

/** updateUser — name or home area (both the old and the new area must be in scope). Audits `user.update`. */
export async function updateUser(deps: AccountDeps, actor: Actor, id: string, input: UserUpdateBody): Promise<User> {
  const row = await userInScope(deps.db, actor, id, 'users.update');
  const area = input.areaCode ? await areaInScope(deps.db, actor, input.areaCode, 'users.update', 'areaCode') : null;
  await withTransaction(deps.db, async (tx) => {
    await q.updateUserFields(tx, id, { name: input.name, areaCode: area?.code });
    await appendAudit(tx, deps.cipher.auditKey, auditContextOf(actor, 'users.update', row.area_code), {
      action: 'user.update',
      entity: 'user',
      entityId: id,
      areaCode: area?.code ?? row.area_code,
      before: { name: row.name, areaCode: row.area_code },
      after: { name: input.name ?? row.name, areaCode: area?.code ?? row.area_code },
    });
  });
  return getUser(deps, actor, id);
}

/** lockUser / unlockUser — disable an account (ending its sessions) or re-enable it. Audits `user.lock` / `user.unlock`. */
export async function setUserLocked(deps: AccountDeps, actor: Actor, id: string, locked: boolean): Promise<User> {
  const row = await userInScope(deps.db, actor, id, 'users.lock');
  if (locked && id === actor.userId) {
    throw accountErrors.USER_SELF_LOCK();
  }
  await withTransaction(deps.db, async (tx) => {
    await q.setUserStatus(tx, id, locked ? 'disabled' : 'active');
    if (locked) {
      await q.deleteUserSessions(tx, id);
    }
    await appendAudit(tx, deps.cipher.auditKey, auditContextOf(actor, 'users.lock', row.area_code), {
      action: locked ? 'user.lock' : 'user.unlock',
      entity: 'user',
      entityId: id,
      areaCode: row.area_code,
      before: { status: row.status, lockedUntil: row.locked_until },
      after: { status: locked ? 'disabled' : 'active', lockedUntil: null },
    });
  });
  return getUser(deps, actor, id);
}

/** revealMobile — the full number, for a holder of personalData.reveal in the user's area. Audits `personalData.reveal`. */
export async function revealMobile(deps: AccountDeps, actor: Actor, id: string): Promise<{ mobile: string }> {
  const row = await userInScope(deps.db, actor, id, 'personalData.reveal');
  await withTransaction(deps.db, (tx) =>
    appendAudit(tx, deps.cipher.auditKey, auditContextOf(actor, 'personalData.reveal', row.area_code), {
      action: 'personalData.reveal',
      entity: 'user',
      entityId: id,
      areaCode: row.area_code,
      after: { field: 'mobile' },
    }),
  );
  return { mobile: deps.cipher.decrypt(row.mobile_enc) };
}

export async function addGrant(deps: AccountDeps, actor: Actor, id: string, input: GrantBody): Promise<User> {
  await userInScope(deps.db, actor, id, 'roles.grant');
  await withTransaction(deps.db, (tx) => grantRole(tx, deps.cipher.auditKey, actor, id, input));
  return getUser(deps, actor, id);
}

export async function removeGrant(deps: AccountDeps, actor: Actor, id: string, grantId: string): Promise<User> {
  await userInScope(deps.db, actor, id, 'roles.grant');
  await withTransaction(deps.db, (tx) => revokeGrant(tx, deps.cipher.auditKey, actor, id, grantId));
  return getUser(deps, actor, id);
}
