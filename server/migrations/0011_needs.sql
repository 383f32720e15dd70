-- Needs and dispatch (C4: 群众点单 → 中心派单 → 接单 → 群众评单): residents' needs, the
-- steps each took (the timeline), and the poster's rating of the organization that served it.
-- The state machine lives in server/src/modules/needs/need-machine.ts; the CHECKs here only
-- keep the columns consistent with it.

CREATE TABLE needs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- the community (level 5) where the need is: the jurisdiction filter
  area_code char(12) NOT NULL,
  title text NOT NULL CHECK (length(title) BETWEEN 2 AND 60),
  description text NOT NULL,
  field text NOT NULL CHECK (field IN ('theory', 'customs', 'cultureSports', 'services', 'mediation')),
  service_target text,
  address text NOT NULL,
  for_whom text NOT NULL,
  deadline date NOT NULL,
  -- personal data: envelopes of platform/personal-data.ts, shown masked
  contact_name_enc bytea NOT NULL,
  contact_mobile_enc bytea NOT NULL,
  status text NOT NULL DEFAULT 'posted' CHECK (status IN ('posted', 'redispatched', 'refused', 'dispatched',
    'accepted', 'done', 'rated', 'declined', 'cancelled')),
  -- whose queue it is in: the community's station, the township's institute, the county's center
  dispatch_level text NOT NULL DEFAULT 'station' CHECK (dispatch_level IN ('station', 'institute', 'center')),
  -- the organization it is dispatched to, accepted by, done by (cleared when it refuses)
  org_id uuid REFERENCES organizations (id),
  fulfilment_kind text CHECK (fulfilment_kind IN ('activity', 'volunteerTask')),
  activity_id uuid REFERENCES activities (id),
  fulfilment_note text,
  done_note text,
  -- the reason of the last refusal, redispatch, decline or cancellation
  status_reason text,
  posted_by uuid NOT NULL REFERENCES users (id),
  posted_at timestamptz NOT NULL,
  dispatched_at timestamptz,
  accepted_at timestamptz,
  done_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((status IN ('dispatched', 'accepted', 'done', 'rated')) = (org_id IS NOT NULL)),
  CHECK ((status IN ('accepted', 'done', 'rated')) = (accepted_at IS NOT NULL AND fulfilment_kind IS NOT NULL)),
  CHECK ((status IN ('done', 'rated')) = (done_at IS NOT NULL)),
  CHECK (fulfilment_kind IS DISTINCT FROM 'activity' OR activity_id IS NOT NULL)
);
-- officers' lists walk (area range, age); keyset on (posted_at, id)
CREATE INDEX needs_area_posted ON needs (area_code, posted_at, id);
-- the dispatch queues: waiting needs by level and area
CREATE INDEX needs_queued ON needs (dispatch_level, area_code, posted_at)
  WHERE status IN ('posted', 'redispatched', 'refused');
CREATE INDEX needs_org ON needs (org_id, posted_at) WHERE org_id IS NOT NULL;
CREATE INDEX needs_poster ON needs (posted_by, posted_at DESC);

-- Every step a need took, with who took it as which role: the timeline.
CREATE TABLE need_steps (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  need_id uuid NOT NULL REFERENCES needs (id),
  action text NOT NULL CHECK (action IN ('post', 'dispatch', 'redispatch', 'decline', 'accept', 'refuse',
    'complete', 'rate', 'cancel')),
  from_status text,
  to_status text NOT NULL,
  -- the dispatch level after the step
  level text NOT NULL CHECK (level IN ('station', 'institute', 'center')),
  -- the organization the step concerns (dispatched to, refused by, accepted by, …)
  org_id uuid REFERENCES organizations (id),
  comment text,
  actor_id uuid NOT NULL REFERENCES users (id),
  actor_role text,
  at timestamptz NOT NULL
);
CREATE INDEX need_steps_need ON need_steps (need_id, id);

-- One rating per need (the primary key: a second one cannot exist even under a race).
CREATE TABLE need_ratings (
  need_id uuid PRIMARY KEY REFERENCES needs (id),
  org_id uuid NOT NULL REFERENCES organizations (id),
  stars smallint NOT NULL CHECK (stars BETWEEN 1 AND 5),
  comment text NOT NULL DEFAULT '',
  field text NOT NULL,
  rated_by uuid NOT NULL REFERENCES users (id),
  rated_at timestamptz NOT NULL
);
CREATE INDEX need_ratings_org ON need_ratings (org_id, rated_at DESC);
