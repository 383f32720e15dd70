import type { Activity, Booking, Venue } from '@linli/contract/activities';
import { subtreeRange } from '@linli/contract/areas';
import type { PermissionKey } from '@linli/contract/permissions';
import {
  type Actor,
  type ActorGrant,
  type CodeRange,
  grantCarries,
  isInScope,
  type Scope,
  scopeOf,
} from '../../platform/access';
import { mayPublish } from './path-rules';
import type { ActivityAccess, ActivityRow, ApprovalPart } from './tables';

/**
 * Object rules for activities and venues. An organization's administrators (orgAdmin grant on
 * it) act for that organization only — never for the other organizations of its area — so
 * area scopes are built from the officer grants, and orgAdmin grants add organization ids.
 */
const officerGrants = (actor: Actor) => actor.grants.filter((g) => g.role !== 'orgAdmin');
const one = (actor: Actor, g: ActorGrant, permission: PermissionKey) => scopeOf({ ...actor, grants: [g] }, permission);

export function officerScope(actor: Actor, permission: PermissionKey): Scope {
  return scopeOf({ ...actor, grants: officerGrants(actor) }, permission);
}

/** Organizations the actor administers with `permission`. */
export function ownOrgIds(actor: Actor, permission: PermissionKey): string[] {
  return actor.grants
    .filter((g) => g.role === 'orgAdmin' && g.orgId !== null && grantCarries(g, permission))
    .map((g) => g.orgId as string);
}

/** Which activities an actor reads: officers by area, administrators their own organizations'. */
export function readAccess(actor: Actor): ActivityAccess {
  return { scope: officerScope(actor, 'activities.read'), orgIds: ownOrgIds(actor, 'activities.read') };
}

export function mayManage(actor: Actor, org: { id: string; areaCode: string }): boolean {
  return (
    ownOrgIds(actor, 'activities.manage').includes(org.id) ||
    isInScope(officerScope(actor, 'activities.manage'), org.areaCode)
  );
}

/**
 * Who acknowledges a major-event report (003 二.四.2 报告村(居)两委): the committee of the
 * organization's community; for an organization sitting at township level, the township office.
 * A township grant therefore covers only its own node, not its communities.
 */
export function reportScope(actor: Actor): Scope {
  const ranges: CodeRange[] = [];
  for (const g of officerGrants(actor)) {
    for (const r of one(actor, g, 'activities.acknowledgeReport').ranges) {
      if (g.role === 'township') {
        if (g.areaCode >= r.lo && g.areaCode <= r.hi) {
          ranges.push({ lo: g.areaCode, hi: g.areaCode });
        }
      } else {
        ranges.push(r);
      }
    }
  }
  return { ranges };
}

/**
 * Who approves seminars, exhibitions and awards (002 会议要求三): the supervising authority —
 * the township for the organizations it files and guides, civil affairs for registered ones
 * (004 三.二.1 民政登记、街道备案、社区指导).
 */
export function approvalParts(actor: Actor): ApprovalPart[] {
  return officerGrants(actor)
    .map((g): ApprovalPart => {
      const tiers =
        g.role === 'township'
          ? (['filed', 'guided'] as const)
          : g.role === 'civilAffairs'
            ? (['registered'] as const)
            : (['registered', 'filed', 'guided'] as const);
      return { scope: one(actor, g, 'activities.approve'), tiers };
    })
    .filter((p) => p.scope.ranges.length > 0);
}

export function mayApprove(actor: Actor, a: { areaCode: string; orgTier: ApprovalPart['tiers'][number] }): boolean {
  return approvalParts(actor).some((p) => p.tiers.includes(a.orgTier) && isInScope(p.scope, a.areaCode));
}

export function mayAcknowledge(actor: Actor, areaCode: string): boolean {
  return isInScope(reportScope(actor), areaCode);
}

export function activityAbilities(actor: Actor, a: ActivityRow, now = new Date()): Activity['abilities'] {
  const manages = mayManage(actor, { id: a.org_id, areaCode: a.area_code });
  return {
    update: manages && (a.status === 'draft' || a.status === 'rejected'),
    submit: manages && (a.status === 'draft' || a.status === 'rejected') && a.path_steps.length > 0,
    publish: manages && mayPublish(a.status, a.path_steps),
    cancel: manages && !['completed', 'cancelled'].includes(a.status),
    record: manages && (a.status === 'published' || a.status === 'completed') && a.starts_at <= now,
    approve: a.status === 'awaitingApproval' && mayApprove(actor, { areaCode: a.area_code, orgTier: a.org_tier }),
    acknowledge: a.status === 'awaitingAcknowledgement' && mayAcknowledge(actor, a.area_code),
  };
}

/** Venues an actor reads: officers by area; an organization's administrators those of its county. */
export function venueReadScope(actor: Actor): Scope {
  const own = actor.grants
    .filter((g) => g.role === 'orgAdmin' && grantCarries(g, 'venues.read'))
    .map((g) => subtreeRange(g.areaCode, 'county'));
  return { ranges: [...officerScope(actor, 'venues.read').ranges, ...own] };
}

export function venueAbilities(actor: Actor, v: { areaCode: string }): Venue['abilities'] {
  const manages = isInScope(officerScope(actor, 'venues.manage'), v.areaCode);
  return { update: manages, decideBookings: manages };
}

export function bookingAbilities(
  actor: Actor,
  b: { areaCode: string; orgId: string; orgAreaCode: string; status: string },
): Booking['abilities'] {
  const open = b.status === 'requested' || b.status === 'confirmed';
  return {
    decide: b.status === 'requested' && isInScope(officerScope(actor, 'venues.manage'), b.areaCode),
    cancel: open && mayManage(actor, { id: b.orgId, areaCode: b.orgAreaCode }),
  };
}
