import { ROOT_AREA_CODE } from '@linli/contract/areas';
import { type Actor, type Scope, scopeOf } from '../../platform/access';

/**
 * Who reads which audit rows: those whose area lies in the reader's `audit.read` scope. Rows
 * without an area (a failed sign-in for an unknown number) belong to the national level: only a
 * country-wide scope sees them.
 */
export function auditScopeOf(actor: Actor): { scope: Scope; national: boolean } {
  const scope = scopeOf(actor, 'audit.read');
  return { scope, national: scope.ranges.some((r) => r.lo === ROOT_AREA_CODE && r.hi === '999999999999') };
}
