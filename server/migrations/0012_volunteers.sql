-- Volunteer service (C5, "互联网+志愿服务"; 000 二, 四.二; 003 二.三.1; 004 三.六.1 and 专栏6):
-- real-name volunteers, service stations, teams, projects with roles, shifts and places,
-- sign-ups with a waiting list, check-in/out, service records with a correction trail, star levels.
-- Record keeping follows 《志愿服务记录与证明出具办法》: who, project, where, when, how long,
-- service content and who confirmed it; records are never deleted, only corrected.

-- 志愿服务站点: kept by the township or committee of its area.
CREATE TABLE service_stations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL CHECK (length(name) BETWEEN 2 AND 100),
  area_code char(12) NOT NULL,
  address text NOT NULL,
  -- the practice venue it sits in, when it is one (a 新时代文明实践站 often is)
  venue_id uuid REFERENCES practice_venues (id),
  run_by_org_id uuid REFERENCES organizations (id),
  contact_name text NOT NULL DEFAULT '',
  contact_mobile_enc bytea,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (area_code, name)
);

-- 注册志愿者 (real name). The ID number is encrypted and found by its keyed hash; the birth
-- date is not kept apart (it is the masked middle of the number): ages are computed from the
-- decrypted number when a requirement asks for one. A volunteer without a smartphone has no
-- account (user_id NULL): the organization that registered them acts for them.
CREATE TABLE volunteers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid UNIQUE REFERENCES users (id),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
  id_number_enc bytea NOT NULL,
  id_number_hash bytea NOT NULL UNIQUE,
  mobile_enc bytea NOT NULL,
  mobile_hash bytea NOT NULL,
  -- home community: the jurisdiction that sees the volunteer
  area_code char(12) NOT NULL,
  skills text[] NOT NULL DEFAULT '{}',
  service_area_codes text[] NOT NULL DEFAULT '{}',
  -- "mon:morning" … "sun:evening"
  availability text[] NOT NULL DEFAULT '{}',
  station_id uuid REFERENCES service_stations (id),
  registered_by uuid REFERENCES users (id),
  registered_by_org_id uuid REFERENCES organizations (id),
  -- confirmed service minutes across every organization and area (kept with each confirmation)
  confirmed_minutes bigint NOT NULL DEFAULT 0 CHECK (confirmed_minutes >= 0),
  star_level smallint NOT NULL DEFAULT 0 CHECK (star_level BETWEEN 0 AND 5),
  -- set when the hours reach five stars and the area asks for approval first
  five_star_requested_at timestamptz,
  five_star_decided_by uuid REFERENCES users (id),
  five_star_decided_at timestamptz,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX volunteers_area ON volunteers (area_code, id);
CREATE INDEX volunteers_station ON volunteers (station_id) WHERE station_id IS NOT NULL;
CREATE INDEX volunteers_five_star ON volunteers (area_code) WHERE five_star_requested_at IS NOT NULL;

-- A volunteer belongs to several organizations' teams (志愿服务队).
CREATE TABLE volunteer_team_members (
  org_id uuid NOT NULL REFERENCES organizations (id),
  volunteer_id uuid NOT NULL REFERENCES volunteers (id),
  joined_at timestamptz NOT NULL DEFAULT now(),
  added_by uuid REFERENCES users (id),
  left_at timestamptz,
  PRIMARY KEY (org_id, volunteer_id)
);
CREATE INDEX volunteer_team_members_volunteer ON volunteer_team_members (volunteer_id);

-- 志愿服务项目: posted by an organization, optionally for one of its activities.
CREATE TABLE volunteer_projects (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organizations (id),
  activity_id uuid REFERENCES activities (id),
  -- where the service happens (a community or township): the jurisdiction filter and public browsing
  area_code char(12) NOT NULL,
  title text NOT NULL CHECK (length(title) BETWEEN 2 AND 100),
  description text NOT NULL,
  service_content text NOT NULL,
  field text NOT NULL CHECK (field IN ('theory', 'customs', 'cultureSports', 'services', 'mediation')),
  address text NOT NULL,
  min_age smallint CHECK (min_age BETWEEN 0 AND 120),
  max_age smallint CHECK (max_age BETWEEN 0 AND 120),
  required_skills text[] NOT NULL DEFAULT '{}',
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'closed')),
  published_at timestamptz,
  closed_at timestamptz,
  created_by uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (min_age IS NULL OR max_age IS NULL OR min_age <= max_age)
);
CREATE INDEX volunteer_projects_area ON volunteer_projects (area_code, id);
CREATE INDEX volunteer_projects_org ON volunteer_projects (org_id, created_at DESC);

CREATE TABLE volunteer_project_roles (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  project_id uuid NOT NULL REFERENCES volunteer_projects (id),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
  description text NOT NULL DEFAULT '',
  -- places per shift for this role
  places integer NOT NULL CHECK (places BETWEEN 1 AND 10000),
  position smallint NOT NULL,
  UNIQUE (project_id, name)
);

-- A shift: a date with start and end (an end at or before the start falls on the next day).
-- Each shift has its own secret for the rotating check-in code.
CREATE TABLE volunteer_shifts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  project_id uuid NOT NULL REFERENCES volunteer_projects (id),
  date date NOT NULL,
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  checkin_secret bytea NOT NULL,
  CHECK (ends_at > starts_at)
);
CREATE INDEX volunteer_shifts_project ON volunteer_shifts (project_id, starts_at);
CREATE INDEX volunteer_shifts_start ON volunteer_shifts (starts_at, project_id);

-- The counter per (shift, role): every sign-up and cancellation locks this row first
-- (SELECT … FOR UPDATE), so places are never overbooked and the waiting list is numbered in the
-- order the lock was granted. See docs/architecture.md.
CREATE TABLE volunteer_slots (
  shift_id uuid NOT NULL REFERENCES volunteer_shifts (id),
  role_id uuid NOT NULL REFERENCES volunteer_project_roles (id),
  places integer NOT NULL CHECK (places BETWEEN 1 AND 10000),
  confirmed integer NOT NULL DEFAULT 0 CHECK (confirmed >= 0 AND confirmed <= places),
  next_waiting_seq bigint NOT NULL DEFAULT 1,
  PRIMARY KEY (shift_id, role_id)
);

CREATE TABLE volunteer_signups (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  shift_id uuid NOT NULL REFERENCES volunteer_shifts (id),
  role_id uuid NOT NULL REFERENCES volunteer_project_roles (id),
  project_id uuid NOT NULL REFERENCES volunteer_projects (id),
  volunteer_id uuid NOT NULL REFERENCES volunteers (id),
  status text NOT NULL CHECK (status IN ('confirmed', 'waiting', 'cancelled')),
  -- the place in the waiting list of its (shift, role), from the counter: strictly increasing
  waiting_seq bigint,
  source text NOT NULL CHECK (source IN ('self', 'organization')),
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  confirmed_at timestamptz,
  cancelled_at timestamptz,
  cancelled_by uuid REFERENCES users (id),
  CHECK ((status = 'waiting') <= (waiting_seq IS NOT NULL))
);
-- one live sign-up per person per shift, whatever the role (the backstop of the service's check)
CREATE UNIQUE INDEX volunteer_signups_one_per_shift ON volunteer_signups (shift_id, volunteer_id)
  WHERE status IN ('confirmed', 'waiting');
CREATE INDEX volunteer_signups_waiting ON volunteer_signups (shift_id, role_id, waiting_seq) WHERE status = 'waiting';
CREATE INDEX volunteer_signups_volunteer ON volunteer_signups (volunteer_id, created_at DESC);
CREATE INDEX volunteer_signups_project ON volunteer_signups (project_id, volunteer_id);

-- 志愿服务记录. `during` is the record's span (open-ended while checked in); two records of one
-- volunteer never overlap — the exclusion constraint says so, concurrent check-ins included.
CREATE TABLE service_records (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  volunteer_id uuid NOT NULL REFERENCES volunteers (id),
  -- the recording organization (谁组织谁记录、谁记录谁证明)
  org_id uuid NOT NULL REFERENCES organizations (id),
  project_id uuid REFERENCES volunteer_projects (id),
  project_title text NOT NULL,
  shift_id uuid REFERENCES volunteer_shifts (id),
  signup_id uuid REFERENCES volunteer_signups (id),
  -- where: the area (jurisdiction filter) and the address
  area_code char(12) NOT NULL,
  address text NOT NULL,
  started_at timestamptz NOT NULL,
  ended_at timestamptz,
  -- floor((ended_at - started_at) / 1 minute), set at check-out and on every correction
  minutes integer CHECK (minutes >= 0),
  content text NOT NULL,
  source text NOT NULL CHECK (source IN ('checkIn', 'organizer', 'backfill')),
  status text NOT NULL CHECK (status IN ('open', 'pending', 'confirmed')),
  during tstzrange GENERATED ALWAYS AS (tstzrange(started_at, coalesce(ended_at, 'infinity'::timestamptz), '[)')) STORED,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  confirmed_by uuid REFERENCES users (id),
  confirmed_by_name text,
  confirmed_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ended_at IS NULL OR ended_at > started_at),
  CHECK ((status = 'open') = (ended_at IS NULL)),
  CHECK ((status = 'open') = (minutes IS NULL)),
  CHECK ((status = 'confirmed') = (confirmed_at IS NOT NULL)),
  CONSTRAINT service_records_no_overlap EXCLUDE USING gist (volunteer_id WITH =, during WITH &&)
);
-- one record per volunteer and shift: a second check-in is refused even after a check-out
CREATE UNIQUE INDEX service_records_one_per_shift ON service_records (shift_id, volunteer_id) WHERE shift_id IS NOT NULL;
CREATE INDEX service_records_volunteer ON service_records (volunteer_id, started_at DESC);
CREATE INDEX service_records_org ON service_records (org_id, started_at DESC);
CREATE INDEX service_records_area ON service_records (area_code, started_at DESC);
CREATE INDEX service_records_pending ON service_records (ended_at) WHERE status = 'pending';

-- The trail: every correction by the organization, and every request by the volunteer with its
-- decision. `before` and `after` hold started_at, ended_at, minutes and content.
CREATE TABLE service_record_corrections (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  record_id uuid NOT NULL REFERENCES service_records (id),
  kind text NOT NULL CHECK (kind IN ('organizer', 'request')),
  status text NOT NULL CHECK (status IN ('applied', 'pending', 'accepted', 'rejected')),
  reason text NOT NULL CHECK (length(reason) >= 2),
  before jsonb NOT NULL,
  proposed jsonb NOT NULL,
  requested_by uuid NOT NULL REFERENCES users (id),
  requested_at timestamptz NOT NULL DEFAULT now(),
  decided_by uuid REFERENCES users (id),
  decided_at timestamptz,
  decision_comment text,
  CHECK ((kind = 'organizer') = (status = 'applied'))
);
CREATE INDEX service_record_corrections_record ON service_record_corrections (record_id, requested_at);
-- one open request per record
CREATE UNIQUE INDEX service_record_corrections_one_open ON service_record_corrections (record_id) WHERE status = 'pending';

-- Star thresholds per area (NULL inherits from the nearest ancestor, then the defaults
-- 100/300/600/1000/1500 hours of 中国社区志愿者注册管理办法).
CREATE TABLE volunteer_star_settings (
  area_code char(12) PRIMARY KEY,
  thresholds_hours integer[] CHECK (thresholds_hours IS NULL OR cardinality(thresholds_hours) = 5),
  five_star_needs_approval boolean,
  updated_by uuid REFERENCES users (id),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Working-day calendar: weekends are days off unless listed here as working days (调休), and
-- listed holidays are days off. Used for the 10-working-day confirmation limit (办法 第十一条).
CREATE TABLE working_calendar (
  day date PRIMARY KEY,
  is_working_day boolean NOT NULL,
  note text NOT NULL DEFAULT '',
  updated_by uuid REFERENCES users (id),
  updated_at timestamptz NOT NULL DEFAULT now()
);
