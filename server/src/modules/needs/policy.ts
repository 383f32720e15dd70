import { type AreaLevel, areaLevels, prefixLengthByLevel, subtreeRange } from '@linli/contract/areas';
import type { DispatchLevel, NeedAbilities, NeedStatus } from '@linli/contract/needs';
import {
  type Actor,
  type ActorGrant,
  type CodeRange,
  grantCarries,
  isInScope,
  type Scope,
  scopeOf,
} from '../../platform/access';
import { isQueued, nextNeedState } from './need-machine';

/**
 * Object rules for needs. Who dispatches depends on the level the need waits at (C4; 000 四.二
 * 依托新时代文明实践中心): the committee for its community's station, the township office for its
 * institute, civil affairs or the civilization office for the county center (a city or province
 * grant acts for the centers below it). The system administrator acts at every level. An
 * organization's administrators act for that organization only.
 */
const depth = (level: AreaLevel) => areaLevels.indexOf(level);

const dispatcherAt: Record<DispatchLevel, (g: ActorGrant) => boolean> = {
  station: (g) => g.role === 'committee' && g.areaLevel === 'community',
  institute: (g) => g.role === 'township' && g.areaLevel === 'township',
  center: (g) =>
    (g.role === 'civilAffairs' || g.role === 'civilizationOffice') && depth(g.areaLevel) <= depth('county'),
};

/** The area a level's venue covers around a need: its community, township or county. */
export const levelAreaLevel: Record<DispatchLevel, AreaLevel> = {
  station: 'community',
  institute: 'township',
  center: 'county',
};

export function dispatchArea(areaCode: string, level: DispatchLevel): CodeRange {
  return subtreeRange(areaCode, levelAreaLevel[level]);
}

const oneGrant = (actor: Actor, g: ActorGrant) => scopeOf({ ...actor, grants: [g] }, 'needs.dispatch');

/** Where the actor dispatches needs waiting at `level`. */
export function dispatchScope(actor: Actor, level: DispatchLevel): Scope {
  const ranges = actor.grants
    .filter((g) => g.role === 'sysadmin' || dispatcherAt[level](g))
    .flatMap((g) => oneGrant(actor, g).ranges);
  return { ranges };
}

/** Where the actor dispatches at any level (for telling "not yours" from "not your level"). */
export function anyDispatchScope(actor: Actor): Scope {
  return { ranges: (['station', 'institute', 'center'] as const).flatMap((l) => dispatchScope(actor, l).ranges) };
}

/** Officers read the needs of their jurisdiction (organization grants never give an area). */
export function officerReadScope(actor: Actor): Scope {
  return scopeOf({ ...actor, grants: actor.grants.filter((g) => g.role !== 'orgAdmin') }, 'needs.read');
}

/** Organizations the actor answers for (accepts, refuses, completes needs). */
export function servedOrgIds(actor: Actor): string[] {
  return actor.grants
    .filter((g) => g.role === 'orgAdmin' && g.orgId !== null && grantCarries(g, 'needs.accept'))
    .map((g) => g.orgId as string);
}

export function actsForOrg(actor: Actor, orgId: string | null): boolean {
  return orgId !== null && (servedOrgIds(actor).includes(orgId) || actor.grants.some((g) => g.role === 'sysadmin'));
}

type NeedFacts = {
  area_code: string;
  status: NeedStatus;
  dispatch_level: DispatchLevel;
  org_id: string | null;
  posted_by: string;
};

export function mayRead(actor: Actor, n: NeedFacts): boolean {
  return (
    n.posted_by === actor.userId ||
    isInScope(officerReadScope(actor), n.area_code) ||
    isInScope(anyDispatchScope(actor), n.area_code) ||
    actsForOrg(actor, n.org_id)
  );
}

export function mayDispatchAtLevel(actor: Actor, n: Pick<NeedFacts, 'area_code' | 'dispatch_level'>): boolean {
  return isInScope(dispatchScope(actor, n.dispatch_level), n.area_code);
}

/**
 * Who may see the full contact (each reveal audited): the officers of the level the need waits
 * at, and the organization it is dispatched to or served by. The poster sees it unmasked anyway.
 */
export function mayRevealContact(actor: Actor, n: NeedFacts): boolean {
  if (n.posted_by === actor.userId || n.status === 'cancelled' || n.status === 'declined') {
    return false;
  }
  const serving = n.status === 'dispatched' || n.status === 'accepted' || n.status === 'done' || n.status === 'rated';
  return mayDispatchAtLevel(actor, n) || (serving && actsForOrg(actor, n.org_id));
}

export function needAbilities(actor: Actor, n: NeedFacts): NeedAbilities {
  const state = { status: n.status, level: n.dispatch_level };
  const can = (action: Parameters<typeof nextNeedState>[1]) => nextNeedState(state, action) !== null;
  const dispatches = isQueued(n.status) && mayDispatchAtLevel(actor, n);
  const serves = actsForOrg(actor, n.org_id);
  const isPoster = n.posted_by === actor.userId;
  return {
    dispatch: dispatches && can('dispatch'),
    redispatch: dispatches && can('redispatch'),
    decline: dispatches && can('decline'),
    accept: serves && can('accept'),
    refuse: serves && can('refuse'),
    complete: serves && can('complete'),
    rate: isPoster && can('rate'),
    cancel: isPoster && can('cancel'),
    revealContact: mayRevealContact(actor, n),
  };
}

/** The child level of an area for the statistics (a community is its own only child). */
export function childLevel(level: AreaLevel): AreaLevel {
  return areaLevels[Math.min(depth(level) + 1, areaLevels.length - 1)]!;
}

export const prefixLength = (level: AreaLevel) => prefixLengthByLevel[level];
