import type {
  Filing,
  HubKind,
  OrgCategory,
  OrgStatus,
  OrgTier,
  PartyOrgForm,
  ServiceTarget,
} from '@linli/contract/organizations';
import type { OrgRecordStatus, ReviewStep } from '../api';

// The enum values are restated from contract/organizations.ts, whose schemas would pull zod into
// the bundle; `allOf` fails to compile when a value is missing.
const allOf =
  <T extends string>() =>
  <const A extends readonly T[]>(values: A & ([Exclude<T, A[number]>] extends [never] ? unknown : never)): A =>
    values;

/** Tiers in the order a filer meets them: the small, community-guided one first. */
export const tierChoices = allOf<OrgTier>()(['guided', 'filed', 'registered']);
export const categoryChoices = allOf<OrgCategory>()(['charity', 'livingServices', 'communityAffairs', 'cultureSports']);
export const hubKindChoices = allOf<HubKind>()(['none', 'hub', 'federation']);
export const serviceTargetChoices = allOf<ServiceTarget>()([
  'elderly',
  'children',
  'youth',
  'women',
  'disabled',
  'unemployed',
  'migrantWorkers',
  'leftBehind',
  'familiesInDifficulty',
  'mentalDisorder',
  'atRiskYouth',
  'communityCorrections',
  'veterans',
  'allResidents',
]);
export const partyOrgChoices = allOf<PartyOrgForm>()(['standalone', 'joint', 'instructor', 'none']);
export const recordStatusChoices = allOf<OrgRecordStatus>()([
  'pending',
  'notEstablished',
  'active',
  'suspended',
  'abnormal',
  'dissolved',
]);

/** Supervision moves from each status (the server's table; it checks again). */
export const statusMoves: Record<OrgRecordStatus, readonly OrgStatus[]> = {
  pending: [],
  notEstablished: [],
  active: ['suspended', 'abnormal'],
  suspended: ['active', 'abnormal'],
  abnormal: ['active', 'dissolved'],
  dissolved: [],
};

/** guided → filed → registered; null for a registered organization. */
export function upgradeTarget(tier: OrgTier): OrgTier | null {
  return tier === 'guided' ? 'filed' : tier === 'filed' ? 'registered' : null;
}

/** The reviewing step the caller may take on a filing now, from the filing's `abilities`. */
export function reviewStepOf(filing: Filing): ReviewStep | null {
  if (filing.abilities.committeeOpinion) {
    return 'committeeOpinion';
  }
  if (filing.abilities.townshipDecision) {
    return 'townshipDecision';
  }
  if (filing.abilities.civilAffairsRecord) {
    return 'civilAffairsRecord';
  }
  return null;
}

export function isOpenFiling(filing: Filing): boolean {
  return filing.state !== 'approved' && filing.state !== 'rejected';
}

/** Whole days since an ISO timestamp. */
export function daysSince(value: string, now: number = Date.now()): number {
  return Math.max(0, Math.floor((now - new Date(value).getTime()) / 86_400_000));
}
