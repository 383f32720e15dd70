import type { Grant, GrantBody } from '@linli/contract/accounts';
import { roleAreaLevels } from '@linli/contract/permissions';
import { type Actor, auditContextOf } from '../../platform/access';
import { appendAudit } from '../../platform/audit';
import type { Queryable, Tx } from '../../platform/db';
import { getArea } from '../areas/index';
import { levelName, levelNumber } from '../areas/tables';
import { accessErrors } from './errors';
import { mayGrant, mayRevoke, grantableRoles as rolesFor } from './policy';
import { deleteGrant, findGrant, findGrantsOfUsers, insertGrant } from './queries';
import type { GrantRow } from './tables';

export function presentGrant(row: GrantRow): Grant {
  return {
    id: row.id,
    role: row.role,
    areaCode: row.area_code,
    areaLevel: levelName(row.area_level),
    areaName: row.area_name,
    areaFullName: row.area_full_name,
    orgId: row.org_id,
  };
}

export async function grantsOfUsers(db: Queryable, userIds: string[]): Promise<Map<string, Grant[]>> {
  const byUser = new Map<string, Grant[]>(userIds.map((id) => [id, []]));
  for (const row of await findGrantsOfUsers(db, userIds)) {
    byUser.get(row.user_id)?.push(presentGrant(row));
  }
  return byUser;
}

/**
 * grantRole — gives a user a role bound to an area, inside the caller's transaction.
 * Rule: access/policy.ts `mayGrant` (C1 §6). Audits `role.grant`. The target user's own
 * visibility is checked by the caller (accounts) before this runs.
 */
export async function grantRole(
  tx: Tx,
  auditKey: Buffer,
  actor: Actor | null,
  userId: string,
  input: GrantBody,
): Promise<Grant> {
  const area = await getArea(tx, input.areaCode, input.areaLevel);
  if (!roleAreaLevels[input.role].includes(area.level)) {
    throw accessErrors.ROLE_AREA_LEVEL_INVALID([
      { path: 'areaLevel', code: 'ROLE_AREA_LEVEL_INVALID', message: '该角色不能绑定在这一级行政区划' },
    ]);
  }
  if (input.role === 'orgAdmin') {
    // organizations arrive with the registry (C2); until then no grant can name one
    throw accessErrors.ROLE_NEEDS_ORGANIZATION([
      { path: 'orgId', code: 'ROLE_NEEDS_ORGANIZATION', message: '组织管理员角色必须绑定到一个社区社会组织' },
    ]);
  }
  if (actor && !mayGrant(actor, input.role, area.code, area.level)) {
    throw accessErrors.ROLE_NOT_GRANTABLE([
      { path: 'role', code: 'ROLE_NOT_GRANTABLE', message: '您不能在该区域授予此角色' },
    ]);
  }
  const id = await insertGrant(tx, {
    userId,
    role: input.role,
    areaCode: area.code,
    areaLevel: levelNumber(area.level),
    orgId: null,
    grantedBy: actor?.userId ?? null,
  });
  if (!id) {
    throw accessErrors.GRANT_ALREADY_EXISTS();
  }
  const grant: Grant = {
    id,
    role: input.role,
    areaCode: area.code,
    areaLevel: area.level,
    areaName: area.name,
    areaFullName: area.fullName,
    orgId: null,
  };
  await appendAudit(tx, auditKey, auditContextOf(actor, 'roles.grant', area.code), {
    action: 'role.grant',
    entity: 'user',
    entityId: userId,
    areaCode: area.code,
    after: { grantId: id, role: grant.role, areaCode: grant.areaCode, areaLevel: grant.areaLevel },
  });
  return grant;
}

/**
 * grantOrgAdmin — the system makes the person who filed a new organization its administrator
 * when the establishment is approved (the rule lives in the filing workflow, not in mayGrant).
 * Audits `role.grant`.
 */
export async function grantOrgAdmin(
  tx: Tx,
  auditKey: Buffer,
  ctx: { actor: Actor; userId: string; orgId: string; areaCode: string },
): Promise<void> {
  const area = await getArea(tx, ctx.areaCode);
  const id = await insertGrant(tx, {
    userId: ctx.userId,
    role: 'orgAdmin',
    areaCode: area.code,
    areaLevel: levelNumber(area.level),
    orgId: ctx.orgId,
    grantedBy: ctx.actor.userId,
  });
  if (id) {
    await appendAudit(tx, auditKey, auditContextOf(ctx.actor), {
      action: 'role.grant',
      entity: 'user',
      entityId: ctx.userId,
      areaCode: area.code,
      after: { grantId: id, role: 'orgAdmin', orgId: ctx.orgId, areaCode: area.code, areaLevel: area.level },
    });
  }
}

/** revokeGrant — removes one grant; same rule as granting it. Audits `role.revoke`. */
export async function revokeGrant(
  tx: Tx,
  auditKey: Buffer,
  actor: Actor,
  userId: string,
  grantId: string,
): Promise<void> {
  const row = await findGrant(tx, userId, grantId);
  if (!row) {
    throw accessErrors.GRANT_NOT_FOUND();
  }
  const grant = presentGrant(row);
  if (userId === actor.userId) {
    throw accessErrors.GRANT_SELF_REVOKE();
  }
  if (!mayRevoke(actor, grant)) {
    throw accessErrors.ROLE_NOT_GRANTABLE();
  }
  await deleteGrant(tx, grantId);
  await appendAudit(tx, auditKey, auditContextOf(actor, 'roles.grant', grant.areaCode), {
    action: 'role.revoke',
    entity: 'user',
    entityId: userId,
    areaCode: grant.areaCode,
    before: { grantId, role: grant.role, areaCode: grant.areaCode, areaLevel: grant.areaLevel },
  });
}

export function listGrantableRoles(actor: Actor) {
  return {
    items: rolesFor(actor)
      .filter((role) => role !== 'orgAdmin')
      .map((role) => ({ role, label: `roles.${role}`, areaLevels: [...roleAreaLevels[role]] })),
  };
}
