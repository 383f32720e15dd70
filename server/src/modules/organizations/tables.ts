import type {
  FilingAct,
  FilingDecision,
  FilingState,
  FilingStep,
  HubKind,
  OrgCategory,
  OrgTier,
  PartyOrgForm,
  ServiceTarget,
} from '@linli/contract/organizations';

/** A row of `organizations` (server/migrations/0003_organizations.sql) with its area's full name. */
export type OrgRow = {
  id: string;
  name: string;
  tier: OrgTier;
  category: OrgCategory;
  hub_kind: HubKind;
  area_code: string;
  area_full_name: string | null;
  founded_on: string;
  service_targets: ServiceTarget[];
  venue: string;
  member_count: number;
  social_worker_count: number;
  certified_social_worker_count: number;
  party_org: PartyOrgForm;
  charter_party_clause: boolean;
  credit_code: string | null;
  status: 'pending' | 'notEstablished' | 'active' | 'suspended' | 'abnormal' | 'dissolved';
  status_reason: string | null;
  created_at: Date;
};

export type LeaderRow = { id: string; org_id: string; name: string; role: 'leader' | 'contact'; mobile_enc: Buffer };

export type FilingRow = {
  id: string;
  org_id: string;
  org_name: string;
  act: FilingAct;
  tier: OrgTier;
  state: FilingState;
  proposed: Record<string, unknown>;
  reason: string | null;
  area_code: string;
  area_full_name: string | null;
  submitted_by: string;
  submitted_at: Date;
  decided_at: Date | null;
};

export type FilingStepRow = {
  filing_id: string;
  step: FilingStep;
  decision: FilingDecision | null;
  comment: string | null;
  actor_name: string | null;
  actor_role: string | null;
  at: Date;
};

/** The record's columns a filing may set, by field name of `OrgFields`. */
export const ORG_FIELD_COLUMNS = {
  name: 'name',
  category: 'category',
  hubKind: 'hub_kind',
  foundedOn: 'founded_on',
  serviceTargets: 'service_targets',
  venue: 'venue',
  memberCount: 'member_count',
  socialWorkerCount: 'social_worker_count',
  certifiedSocialWorkerCount: 'certified_social_worker_count',
  partyOrg: 'party_org',
  charterPartyClause: 'charter_party_clause',
} as const;
