import { type AreaLevel, areaLevels, prefixLengthByLevel, subtreeRange } from '@linli/contract/areas';
import {
  type PermissionKey,
  permissions,
  type Role,
  type RouteAccess,
  rolePermissions,
  roleRank,
} from '@linli/contract/permissions';
import type { AuditContext } from './audit';
import { platformErrors } from './errors';

/**
 * The two layers of access (STYLE 3). The permission — may this role do this kind of thing —
 * comes from the route declaration and the registry; the jurisdiction — on which rows — is an
 * area-code range applied in SQL. Nothing here trusts an area code or status sent by the client.
 */
export type ActorGrant = {
  id: string;
  role: Role;
  areaCode: string;
  areaLevel: AreaLevel;
  orgId: string | null;
};

export type Actor = {
  userId: string;
  name: string;
  mustChangePassword: boolean;
  grants: ActorGrant[];
  /** the jurisdiction switcher's choice; narrows every scope when set */
  currentArea: { code: string; level: AreaLevel } | null;
  sessionTokenHash: Buffer;
  /** the session's CSRF token: unsafe requests must echo it */
  csrfToken: string;
  sourceIp: string;
};

export type CodeRange = { lo: string; hi: string };
/** The rows an actor may touch for one permission: a union of code ranges (empty: none). */
export type Scope = { ranges: CodeRange[] };

const depth = (level: AreaLevel) => areaLevels.indexOf(level);

export function grantCarries(grant: Pick<ActorGrant, 'role' | 'areaLevel'>, permission: PermissionKey): boolean {
  return (
    rolePermissions[grant.role].includes(permission) &&
    depth(grant.areaLevel) <= depth(permissions[permission].lowestLevel)
  );
}

export function grantsWith(actor: Actor, permission: PermissionKey): ActorGrant[] {
  return actor.grants.filter((g) => grantCarries(g, permission));
}

export function hasPermission(actor: Actor, permission: PermissionKey): boolean {
  return grantsWith(actor, permission).length > 0;
}

/** The permissions any of the actor's grants carries (for the console's menu). */
export function permissionsOf(actor: Actor): PermissionKey[] {
  return (Object.keys(permissions) as PermissionKey[]).filter((p) => hasPermission(actor, p));
}

function intersect(a: CodeRange, b: CodeRange): CodeRange | null {
  // codes are fixed-width digit strings, so string order is numeric order
  const lo = a.lo > b.lo ? a.lo : b.lo;
  const hi = a.hi < b.hi ? a.hi : b.hi;
  return lo <= hi ? { lo, hi } : null;
}

export function scopeOf(actor: Actor, permission: PermissionKey): Scope {
  let ranges = grantsWith(actor, permission).map((g) => subtreeRange(g.areaCode, g.areaLevel));
  if (actor.currentArea) {
    const current = subtreeRange(actor.currentArea.code, actor.currentArea.level);
    ranges = ranges.map((r) => intersect(r, current)).filter((r): r is CodeRange => r !== null);
  }
  return { ranges };
}

export function isInScope(scope: Scope, areaCode: string): boolean {
  return scope.ranges.some((r) => areaCode >= r.lo && areaCode <= r.hi);
}

/**
 * The SQL jurisdiction filter for `column`, appending its parameters to `params`.
 * Every list query uses it: rows outside the scope are never read.
 */
export function scopeSql(column: string, scope: Scope, params: unknown[]): string {
  if (scope.ranges.length === 0) {
    return 'false';
  }
  const parts = scope.ranges.map((r) => {
    params.push(r.lo, r.hi);
    return `${column} BETWEEN $${params.length - 1} AND $${params.length}`;
  });
  return parts.length === 1 ? parts[0]! : `(${parts.join(' OR ')})`;
}

/** The grant that authorizes `permission` at `areaCode`, the highest-ranking one if several. */
export function authorizingGrant(actor: Actor, permission: PermissionKey, areaCode?: string): ActorGrant | null {
  const candidates = grantsWith(actor, permission).filter(
    (g) => areaCode === undefined || areaCode.startsWith(g.areaCode.slice(0, prefixLengthByLevel[g.areaLevel])),
  );
  candidates.sort((a, b) => roleRank[b.role] - roleRank[a.role]);
  return candidates[0] ?? null;
}

/** The audit context of an action done under `permission` (role = the grant that allowed it). */
export function auditContextOf(actor: Actor | null, permission?: PermissionKey, areaCode?: string): AuditContext {
  if (!actor) {
    return { actorId: null, actorRole: null, sourceIp: null };
  }
  const grant = permission ? authorizingGrant(actor, permission, areaCode) : null;
  return { actorId: actor.userId, actorRole: grant?.role ?? null, sourceIp: actor.sourceIp };
}

/** The route-level check: 401 without a session, 403 without the permission anywhere. */
export function checkRouteAccess(actor: Actor | null, access: RouteAccess, allowDuringPasswordChange: boolean): void {
  if (access === 'public') {
    return;
  }
  if (!actor) {
    throw platformErrors.AUTH_REQUIRED();
  }
  if (actor.mustChangePassword && !allowDuringPasswordChange) {
    throw platformErrors.PASSWORD_CHANGE_REQUIRED();
  }
  if (access !== 'authenticated' && !hasPermission(actor, access)) {
    throw platformErrors.FORBIDDEN();
  }
}
