-- Civilization practice activities (C4): practice venues and their rooms, room bookings,
-- campaigns (data, not code), per-jurisdiction path rules, activities with their
-- report/approval steps and photos.

-- The booking exclusion constraint compares a uuid with `=` inside a GiST index.
-- btree_gist ships with PostgreSQL (contrib) and is a trusted extension: the embedded
-- PostgreSQL 18 and Debian's PostgreSQL 15 both have it.
CREATE EXTENSION IF NOT EXISTS btree_gist;

-- 新时代文明实践中心/所/站 (county/township/community) and other service facilities.
CREATE TABLE practice_venues (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL CHECK (length(name) BETWEEN 2 AND 100),
  kind text NOT NULL CHECK (kind IN ('practiceCenter', 'partyMassCenter', 'serviceStation', 'otherFacility')),
  -- practiceCenter level: center (county) · institute (township) · station (community)
  level text CHECK (level IN ('center', 'institute', 'station')),
  area_code char(12) NOT NULL,
  area_level smallint NOT NULL CHECK (area_level BETWEEN 3 AND 5),
  address text NOT NULL,
  opening_hours text NOT NULL DEFAULT '',
  run_by_org_id uuid REFERENCES organizations (id),
  manager_name text NOT NULL DEFAULT '',
  manager_mobile_enc bytea,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'practiceCenter') = (level IS NOT NULL))
);
CREATE INDEX practice_venues_area ON practice_venues (area_code, id);

CREATE TABLE venue_rooms (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  venue_id uuid NOT NULL REFERENCES practice_venues (id),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
  capacity integer NOT NULL CHECK (capacity BETWEEN 1 AND 100000),
  UNIQUE (venue_id, name)
);

-- Themed campaigns: the five national presets (area_code NULL) and a province's own.
CREATE TABLE activity_campaigns (
  key text PRIMARY KEY CHECK (key ~ '^[a-zA-Z][a-zA-Z0-9]{1,39}$'),
  name text NOT NULL,
  area_code char(12),
  is_preset boolean NOT NULL DEFAULT false,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO activity_campaigns (key, name, is_preset) VALUES
  ('neighborWatch', '邻里守望', true),
  ('letsTalk', '有事好商量', true),
  ('safeCommunity', '友好睦邻/平安建设', true),
  ('civicCulture', '文化铸魂', true),
  ('ruralRevitalization', '助力乡村振兴', true);

-- Path rules per jurisdiction; NULL inherits from the nearest ancestor, then the defaults
-- in modules/activities/path-rules.ts.
CREATE TABLE activity_rule_settings (
  area_code char(12) PRIMARY KEY,
  report_threshold integer CHECK (report_threshold > 0),
  approval_threshold integer CHECK (approval_threshold > 0),
  report_lead_days integer CHECK (report_lead_days BETWEEN 0 AND 60),
  approval_lead_days integer CHECK (approval_lead_days BETWEEN 0 AND 90),
  updated_by uuid REFERENCES users (id),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE activities (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organizations (id),
  -- the organization's area when planned: the jurisdiction filter and the report's committee
  area_code char(12) NOT NULL,
  title text NOT NULL CHECK (length(title) BETWEEN 2 AND 100),
  content text NOT NULL,
  field text NOT NULL CHECK (field IN ('theory', 'customs', 'cultureSports', 'services', 'mediation')),
  campaign text REFERENCES activity_campaigns (key),
  kind text NOT NULL CHECK (kind IN ('ordinary', 'festival', 'performance', 'competition', 'gathering',
    'seminar', 'exhibition', 'award')),
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  venue_room_id uuid REFERENCES venue_rooms (id),
  address text NOT NULL DEFAULT '',
  target_groups text[] NOT NULL DEFAULT '{}',
  expected_participants integer NOT NULL CHECK (expected_participants BETWEEN 1 AND 1000000),
  partner_org_ids uuid[] NOT NULL DEFAULT '{}',
  -- the steps the path rules asked for when it was last planned: subset of {approval, report}
  path_steps text[] NOT NULL DEFAULT '{}',
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'awaitingApproval', 'awaitingAcknowledgement',
    'rejected', 'ready', 'published', 'completed', 'cancelled')),
  status_reason text,
  submitted_at timestamptz,
  published_at timestamptz,
  actual_participants integer CHECK (actual_participants >= 0),
  beneficiaries integer CHECK (beneficiaries >= 0),
  summary text,
  created_by uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_at > starts_at),
  CHECK (venue_room_id IS NOT NULL OR address <> '')
);
-- calendar and lists walk (area range, start); keyset on (starts_at, id)
CREATE INDEX activities_area_start ON activities (area_code, starts_at, id);
CREATE INDEX activities_org_start ON activities (org_id, starts_at DESC);
-- a wide jurisdiction's calendar (a city, a province) walks the time order and filters the area
CREATE INDEX activities_start ON activities (starts_at, id);
CREATE INDEX activities_awaiting ON activities (area_code, starts_at)
  WHERE status IN ('awaitingApproval', 'awaitingAcknowledgement');

-- Each report acknowledgement and approval decision (and their rejections) as a step.
CREATE TABLE activity_steps (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  activity_id uuid NOT NULL REFERENCES activities (id),
  step text NOT NULL CHECK (step IN ('submit', 'approval', 'report', 'publish', 'cancel', 'record')),
  decision text CHECK (decision IN ('approve', 'reject')),
  comment text,
  actor_id uuid NOT NULL REFERENCES users (id),
  actor_role text,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX activity_steps_activity ON activity_steps (activity_id, id);

-- Photos are kept in the database (resized, metadata stripped): see docs/architecture.md.
CREATE TABLE activity_photos (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  activity_id uuid NOT NULL REFERENCES activities (id),
  display bytea NOT NULL,
  thumb bytea NOT NULL,
  width integer NOT NULL,
  height integer NOT NULL,
  sha256 bytea NOT NULL,
  uploaded_by uuid NOT NULL REFERENCES users (id),
  uploaded_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (activity_id, sha256)
);

-- Room bookings: requested by an organization, confirmed or declined by the venue's officers.
-- No two confirmed bookings of a room overlap — enforced here, not in application code.
CREATE TABLE venue_bookings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  room_id uuid NOT NULL REFERENCES venue_rooms (id),
  venue_id uuid NOT NULL REFERENCES practice_venues (id),
  -- the venue's area: whose officers decide
  area_code char(12) NOT NULL,
  org_id uuid NOT NULL REFERENCES organizations (id),
  activity_id uuid REFERENCES activities (id),
  during tstzrange NOT NULL CHECK (NOT isempty(during) AND lower_inc(during) AND NOT upper_inc(during)),
  purpose text NOT NULL DEFAULT '',
  status text NOT NULL DEFAULT 'requested' CHECK (status IN ('requested', 'confirmed', 'declined', 'cancelled')),
  decision_reason text,
  requested_by uuid NOT NULL REFERENCES users (id),
  requested_at timestamptz NOT NULL DEFAULT now(),
  decided_by uuid REFERENCES users (id),
  decided_at timestamptz,
  CONSTRAINT venue_bookings_no_overlap EXCLUDE USING gist (room_id WITH =, during WITH &&) WHERE (status = 'confirmed')
);
CREATE INDEX venue_bookings_area ON venue_bookings (area_code, status, requested_at);
CREATE INDEX venue_bookings_room ON venue_bookings USING gist (room_id, during);
