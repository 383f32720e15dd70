import { type AreaLevel, isWithin } from '@linli/contract/areas';
import { type Role, roleAreaLevels, roleRank } from '@linli/contract/permissions';
import { type Actor, grantsWith } from '../../platform/access';

/**
 * Who may grant what (C1 §6): a holder of `roles.grant` may grant a role of equal or lower rank
 * than the grant that carries the permission, at an area inside that grant's subtree, and only
 * at a level the role is bound at. A civil affairs admin never creates a sysadmin.
 */
export function mayGrant(actor: Actor, role: Role, areaCode: string, areaLevel: AreaLevel): boolean {
  if (!roleAreaLevels[role].includes(areaLevel)) {
    return false;
  }
  return grantsWith(actor, 'roles.grant').some(
    (g) => roleRank[role] <= roleRank[g.role] && isWithin(areaCode, g.areaCode, g.areaLevel),
  );
}

/** Revoking follows the same rule as granting the grant being revoked. */
export function mayRevoke(actor: Actor, grant: { role: Role; areaCode: string; areaLevel: AreaLevel }): boolean {
  return mayGrant(actor, grant.role, grant.areaCode, grant.areaLevel);
}

/** The roles this actor can hand out somewhere in its jurisdiction (for the role editor). */
export function grantableRoles(actor: Actor): Role[] {
  const grants = grantsWith(actor, 'roles.grant');
  const max = Math.max(0, ...grants.map((g) => roleRank[g.role]));
  return (Object.keys(roleRank) as Role[]).filter((r) => roleRank[r] <= max).sort((a, b) => roleRank[b] - roleRank[a]);
}
