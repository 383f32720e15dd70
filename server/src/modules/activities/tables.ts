import type {
  ActivityField,
  ActivityKind,
  ActivityStatus,
  BookingStatus,
  PathStep,
  PracticeLevel,
  VenueKind,
} from '@linli/contract/activities';
import type { OrgTier, ServiceTarget } from '@linli/contract/organizations';
import type { Scope } from '../../platform/access';

/** Which activities an actor reads: officers by area ranges, administrators their own organizations. */
export type ActivityAccess = { scope: Scope; orgIds: string[] };
/** An approver's reach: an area scope, for organizations of these tiers. */
export type ApprovalPart = { scope: Scope; tiers: readonly OrgTier[] };

/** A row of `practice_venues` (server/migrations/0009_activities.sql) with names joined in. */
export type VenueRow = {
  id: string;
  name: string;
  kind: VenueKind;
  level: PracticeLevel | null;
  area_code: string;
  area_full_name: string | null;
  address: string;
  opening_hours: string;
  run_by_org_id: string | null;
  run_by_org_name: string | null;
  manager_name: string;
  manager_mobile_enc: Buffer | null;
  status: 'open' | 'closed';
};

export type RoomRow = { id: string; venue_id: string; name: string; capacity: number };

/** A row of `activities` with its organization's and venue's names. */
export type ActivityRow = {
  id: string;
  org_id: string;
  org_name: string;
  org_tier: OrgTier;
  area_code: string;
  area_full_name: string | null;
  title: string;
  content: string;
  field: ActivityField;
  campaign: string | null;
  kind: ActivityKind;
  starts_at: Date;
  ends_at: Date;
  venue_room_id: string | null;
  venue_id: string | null;
  venue_name: string | null;
  room_name: string | null;
  address: string;
  target_groups: ServiceTarget[];
  expected_participants: number;
  partner_org_ids: string[];
  path_steps: PathStep[];
  status: ActivityStatus;
  status_reason: string | null;
  submitted_at: Date | null;
  published_at: Date | null;
  actual_participants: number | null;
  beneficiaries: number | null;
  summary: string | null;
};

export type ActivityStepRow = {
  activity_id: string;
  step: 'submit' | 'approval' | 'report' | 'publish' | 'cancel' | 'record';
  decision: 'approve' | 'reject' | null;
  comment: string | null;
  actor_name: string | null;
  actor_role: string | null;
  at: Date;
};

export type BookingRow = {
  id: string;
  room_id: string;
  room_name: string;
  venue_id: string;
  venue_name: string;
  area_code: string;
  org_id: string;
  org_name: string;
  org_area_code: string;
  activity_id: string | null;
  starts_at: Date;
  ends_at: Date;
  purpose: string;
  status: BookingStatus;
  decision_reason: string | null;
  requested_by: string;
  requested_at: Date;
  decided_at: Date | null;
};

export type RuleSettingsRow = {
  area_code: string;
  report_threshold: number | null;
  approval_threshold: number | null;
  report_lead_days: number | null;
  approval_lead_days: number | null;
};
