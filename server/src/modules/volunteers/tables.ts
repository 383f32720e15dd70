import type { ActivityField } from '@linli/contract/activities';
import type {
  CorrectionStatus,
  ProjectStatus,
  RecordSource,
  RecordStatus,
  ReflectionStatus,
  SignupStatus,
  VolunteerSkill,
} from '@linli/contract/volunteers';
import type { Scope } from '../../platform/access';

/**
 * Which rows of one kind an actor reads: officers by area ranges, organization administrators
 * for their own organizations' ids (teams, projects, records).
 */
export type VolunteerAccess = { scope: Scope; orgIds: string[] };

/** A row of `service_stations` (server/migrations/0012_volunteers.sql) with names joined in. */
export type StationRow = {
  id: string;
  name: string;
  area_code: string;
  area_full_name: string | null;
  address: string;
  venue_id: string | null;
  run_by_org_id: string | null;
  run_by_org_name: string | null;
  contact_name: string;
  contact_mobile_enc: Buffer | null;
  status: 'open' | 'closed';
  volunteer_count: number;
};

/** A row of `volunteers` with its station's and area's names. */
export type VolunteerRow = {
  id: string;
  user_id: string | null;
  name: string;
  id_number_enc: Buffer;
  mobile_enc: Buffer;
  area_code: string;
  area_full_name: string | null;
  skills: VolunteerSkill[];
  service_area_codes: string[];
  availability: string[];
  station_id: string | null;
  station_name: string | null;
  registered_by_org_id: string | null;
  confirmed_minutes: number;
  star_level: number;
  five_star_requested_at: Date | null;
  five_star_decided_at: Date | null;
  status: 'active' | 'inactive';
  created_at: Date;
};

export type TeamRow = { volunteer_id: string; org_id: string; org_name: string; joined_at: Date };

/** A row of `volunteer_projects` with its organization's name and shift span. */
export type ProjectRow = {
  id: string;
  org_id: string;
  org_name: string;
  org_area_code: string;
  activity_id: string | null;
  area_code: string;
  area_full_name: string | null;
  title: string;
  description: string;
  service_content: string;
  field: ActivityField;
  address: string;
  min_age: number | null;
  max_age: number | null;
  required_skills: VolunteerSkill[];
  status: ProjectStatus;
  published_at: Date | null;
  closed_at: Date | null;
  first_shift_at: Date | null;
  last_shift_at: Date | null;
  places: number;
  confirmed: number;
};

export type RoleRow = { id: string; project_id: string; name: string; description: string; places: number };

export type ShiftRow = {
  id: string;
  project_id: string;
  date: string;
  starts_at: Date;
  ends_at: Date;
};

export type SlotRow = {
  shift_id: string;
  role_id: string;
  places: number;
  confirmed: number;
  next_waiting_seq: number;
  waiting: number;
};

/** A shift with what sign-up and check-in need to know about its project. */
export type ShiftFacts = ShiftRow & {
  checkin_secret: Buffer;
  project_status: ProjectStatus;
  org_id: string;
  org_area_code: string;
  area_code: string;
  title: string;
  service_content: string;
  address: string;
  min_age: number | null;
  max_age: number | null;
  required_skills: VolunteerSkill[];
};

export type SignupRow = {
  id: string;
  shift_id: string;
  role_id: string;
  role_name: string;
  project_id: string;
  project_title: string;
  org_id: string;
  starts_at: Date;
  ends_at: Date;
  volunteer_id: string;
  volunteer_name: string;
  mobile_enc: Buffer;
  status: SignupStatus;
  waiting_seq: number | null;
  waiting_position: number | null;
  source: 'self' | 'organization';
  created_at: Date;
  confirmed_at: Date | null;
  cancelled_at: Date | null;
};

export type RecordRow = {
  id: string;
  volunteer_id: string;
  volunteer_name: string;
  volunteer_user_id: string | null;
  org_id: string;
  org_name: string;
  project_id: string | null;
  project_title: string;
  shift_id: string | null;
  area_code: string;
  area_full_name: string | null;
  address: string;
  started_at: Date;
  ended_at: Date | null;
  minutes: number | null;
  content: string;
  source: RecordSource;
  status: RecordStatus;
  confirmed_by_name: string | null;
  confirmed_at: Date | null;
  has_open_request: boolean;
};

export type CorrectionRow = {
  id: string;
  record_id: string;
  kind: 'organizer' | 'request';
  status: CorrectionStatus;
  reason: string;
  before: { startedAt: string; endedAt: string | null; minutes: number | null; content: string };
  proposed: { startedAt?: string; endedAt?: string; content?: string };
  requested_by: string;
  requested_at: Date;
  decided_at: Date | null;
  decision_comment: string | null;
};

export type StarSettingsRow = {
  area_code: string;
  thresholds_hours: number[] | null;
  five_star_needs_approval: boolean | null;
};

/** A row of `volunteer_reflections` (server/migrations/0013_reflections.sql) with names joined in. */
export type ReflectionRow = {
  id: string;
  volunteer_id: string;
  volunteer_name: string;
  volunteer_user_id: string | null;
  project_id: string;
  project_title: string;
  org_id: string;
  org_name: string;
  org_area_code: string;
  area_code: string;
  title: string;
  body: string;
  status: ReflectionStatus;
  review_reason: string | null;
  reviewed_at: Date | null;
  published_at: Date | null;
  created_at: Date;
};

export type ReflectionPhotoRow = { id: string; reflection_id: string; width: number; height: number };
