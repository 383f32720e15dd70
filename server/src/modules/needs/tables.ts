import type { ActivityField } from '@linli/contract/activities';
import type { DispatchLevel, FulfilmentKind, NeedAction, NeedStatus } from '@linli/contract/needs';
import type { ServiceTarget } from '@linli/contract/organizations';
import type { Scope } from '../../platform/access';

/**
 * Which needs an actor reads: officers by area ranges, organizations' administrators the needs
 * with their organizations, a poster their own.
 */
export type NeedAccess = { scope: Scope; orgIds: string[]; posterId: string | null };

/** A row of `needs` (server/migrations/0011_needs.sql) with names joined in. */
export type NeedRow = {
  id: string;
  area_code: string;
  area_full_name: string | null;
  title: string;
  description: string;
  field: ActivityField;
  service_target: ServiceTarget | null;
  address: string;
  for_whom: string;
  /** yyyy-mm-dd */
  deadline: string;
  contact_name_enc: Buffer;
  contact_mobile_enc: Buffer;
  status: NeedStatus;
  dispatch_level: DispatchLevel;
  org_id: string | null;
  org_name: string | null;
  fulfilment_kind: FulfilmentKind | null;
  activity_id: string | null;
  fulfilment_note: string | null;
  done_note: string | null;
  status_reason: string | null;
  posted_by: string;
  posted_at: Date;
  dispatched_at: Date | null;
  accepted_at: Date | null;
  done_at: Date | null;
  stars: number | null;
  rating_comment: string | null;
  rated_at: Date | null;
};

export type NeedStepRow = {
  need_id: string;
  action: NeedAction;
  from_status: NeedStatus | null;
  to_status: NeedStatus;
  level: DispatchLevel;
  org_id: string | null;
  org_name: string | null;
  comment: string | null;
  actor_id: string;
  actor_name: string | null;
  actor_role: string | null;
  at: Date;
};

/** One group of the statistics: counts, average stars, and the duration percentiles in seconds. */
export type NeedStatsDbRow = {
  key: string | null;
  posted: number;
  open: number;
  accepted: number;
  done: number;
  rated: number;
  declined: number;
  cancelled: number;
  average_stars: number | null;
  response_median: number | null;
  response_p90: number | null;
  completion_median: number | null;
  completion_p90: number | null;
};
