-- Organization registry (C2): records, leaders (personal data encrypted), filings and their steps.
CREATE TABLE organizations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  -- normalizeOrgName(name): unique within a township (004 三.二.2 names are the township's to file)
  name_key text NOT NULL,
  name_grams text[] NOT NULL DEFAULT '{}',
  tier text NOT NULL CHECK (tier IN ('registered', 'filed', 'guided')),
  category text NOT NULL CHECK (category IN ('charity', 'livingServices', 'communityAffairs', 'cultureSports')),
  hub_kind text NOT NULL DEFAULT 'none' CHECK (hub_kind IN ('none', 'hub', 'federation')),
  area_code char(12) NOT NULL,
  founded_on date NOT NULL,
  service_targets text[] NOT NULL DEFAULT '{}',
  venue text NOT NULL DEFAULT '',
  member_count integer NOT NULL CHECK (member_count >= 0),
  social_worker_count integer NOT NULL DEFAULT 0 CHECK (social_worker_count >= 0),
  certified_social_worker_count integer NOT NULL DEFAULT 0 CHECK (certified_social_worker_count >= 0),
  party_org text NOT NULL DEFAULT 'none' CHECK (party_org IN ('standalone', 'joint', 'instructor', 'none')),
  charter_party_clause boolean NOT NULL DEFAULT false,
  credit_code char(18) UNIQUE,
  -- pending: its establish filing is not decided yet; notEstablished: that filing was rejected
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'notEstablished', 'active', 'suspended', 'abnormal', 'dissolved')),
  status_reason text,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((tier = 'registered') = (credit_code IS NOT NULL))
);
CREATE UNIQUE INDEX organizations_township_name ON organizations (substr(area_code, 1, 9), name_key)
  WHERE status NOT IN ('dissolved', 'notEstablished');
CREATE INDEX organizations_area ON organizations (area_code, id);
CREATE INDEX organizations_name_grams ON organizations USING gin (name_grams);

CREATE TABLE org_leaders (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  name text NOT NULL,
  role text NOT NULL CHECK (role IN ('leader', 'contact')),
  mobile_enc bytea NOT NULL,
  mobile_hash bytea NOT NULL
);
CREATE INDEX org_leaders_org ON org_leaders (org_id);
CREATE INDEX org_leaders_mobile ON org_leaders (mobile_hash);

-- A filing: establish, change, dissolve or upgrade, moving through the steps its path needs.
CREATE TABLE filings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organizations (id),
  act text NOT NULL CHECK (act IN ('establish', 'change', 'dissolve', 'upgrade')),
  -- the tier whose path applies (the target tier for an upgrade)
  tier text NOT NULL CHECK (tier IN ('registered', 'filed', 'guided')),
  state text NOT NULL CHECK (state IN ('awaitingCommittee', 'awaitingTownship', 'awaitingCivilAffairs',
    'returned', 'approved', 'rejected')),
  proposed jsonb NOT NULL DEFAULT '{}',
  reason text,
  area_code char(12) NOT NULL,
  submitted_by uuid NOT NULL REFERENCES users (id),
  submitted_at timestamptz NOT NULL DEFAULT now(),
  decided_at timestamptz
);
CREATE INDEX filings_area_state ON filings (area_code, state);
CREATE INDEX filings_org ON filings (org_id, submitted_at DESC);
-- one open filing per organization at a time
CREATE UNIQUE INDEX filings_one_open ON filings (org_id) WHERE state NOT IN ('approved', 'rejected');

CREATE TABLE filing_steps (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  filing_id uuid NOT NULL REFERENCES filings (id),
  step text NOT NULL CHECK (step IN ('submit', 'resubmit', 'committeeOpinion', 'townshipDecision', 'civilAffairsRecord')),
  decision text CHECK (decision IN ('approve', 'reject', 'returnForChanges')),
  comment text,
  actor_id uuid NOT NULL REFERENCES users (id),
  actor_role text,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX filing_steps_filing ON filing_steps (filing_id, id);
