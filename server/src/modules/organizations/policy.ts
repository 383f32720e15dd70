import type { Filing, Organization } from '@linli/contract/organizations';
import { type Actor, isInScope, scopeOf } from '../../platform/access';

const OFFICER_ROLES = new Set(['sysadmin', 'civilAffairs', 'township', 'committee']);

/**
 * Who may file a change, dissolution or upgrade for an existing organization: its own
 * administrators (orgAdmin grant on it), and officers holding `filings.submit` over its area.
 * Anyone with `filings.submit` in the area may file a new organization (establish).
 */
export function mayFileFor(actor: Actor, org: { id: string; areaCode: string }): boolean {
  if (actor.grants.some((g) => g.role === 'orgAdmin' && g.orgId === org.id)) {
    return true;
  }
  return actor.grants.some(
    (g) => OFFICER_ROLES.has(g.role) && isInScope(scopeOf({ ...actor, grants: [g] }, 'filings.submit'), org.areaCode),
  );
}

/** Whether the actor files for this area as an officer (on an organization's behalf) rather than as its member. */
export function filesAsOfficer(actor: Actor, areaCode: string): boolean {
  return actor.grants.some(
    (g) => OFFICER_ROLES.has(g.role) && isInScope(scopeOf({ ...actor, grants: [g] }, 'filings.submit'), areaCode),
  );
}

export function mayReadOrg(actor: Actor, org: { id: string; areaCode: string }): boolean {
  return isInScope(scopeOf(actor, 'organizations.read'), org.areaCode) || mayFileFor(actor, org);
}

/**
 * Who may upload the charter (章程): whoever may file for the organization, and the person who filed
 * it while it is still being decided (the charter is part of the establishment materials, 004 三.二).
 */
export function mayUploadCharter(
  actor: Actor,
  org: { id: string; areaCode: string; status: string },
  isOwnPending: boolean,
): boolean {
  if (org.status === 'dissolved' || org.status === 'notEstablished') {
    return false;
  }
  return mayFileFor(actor, org) || (org.status === 'pending' && isOwnPending);
}

export function orgAbilities(
  actor: Actor,
  org: { id: string; areaCode: string; status: string; tier: string },
  isOwnPending = false,
): Organization['abilities'] {
  const live = org.status === 'active' || org.status === 'abnormal' || org.status === 'suspended';
  const files = live && mayFileFor(actor, org);
  return {
    uploadCharter: mayUploadCharter(actor, org, isOwnPending),
    fileChange: files,
    fileDissolve: files,
    fileUpgrade: files && org.tier !== 'registered',
    supervise:
      org.status !== 'pending' &&
      org.status !== 'notEstablished' &&
      isInScope(scopeOf(actor, 'organizations.supervise'), org.areaCode),
  };
}

/** The reviewing steps this actor may take on a filing now (the server checks again when it is taken). */
export function filingAbilities(
  actor: Actor,
  filing: { state: string; areaCode: string; submittedBy: string },
): Filing['abilities'] {
  const can = (state: string, permission: Parameters<typeof scopeOf>[1]) =>
    filing.state === state && isInScope(scopeOf(actor, permission), filing.areaCode);
  return {
    committeeOpinion: can('awaitingCommittee', 'filings.committeeReview'),
    townshipDecision: can('awaitingTownship', 'filings.townshipDecide'),
    civilAffairsRecord: can('awaitingCivilAffairs', 'filings.civilAffairsRecord'),
    resubmit: filing.state === 'returned' && filing.submittedBy === actor.userId,
  };
}
