-- Foundation (C1): the area tree, accounts, role grants, sessions, sign-in throttling, audit.

-- The national division tree. A few 12-digit codes name two nodes (东莞/中山/儋州 city and
-- their placeholder county; 金门 at county/township/community), so the key is (code, level).
-- level: 0 country, 1 province, 2 city, 3 county, 4 township, 5 community.
CREATE TABLE areas (
  code char(12) NOT NULL CHECK (code ~ '^[0-9]{12}$'),
  level smallint NOT NULL CHECK (level BETWEEN 0 AND 5),
  parent_code char(12),
  parent_level smallint,
  name text NOT NULL,
  full_name text NOT NULL,
  kind text CHECK (kind IN ('urban', 'rural', 'other')),
  -- the name's character bigrams (and the single character of one-character names):
  -- lets "any two characters of the name" be found through a GIN index.
  name_grams text[] NOT NULL DEFAULT '{}',
  child_count integer NOT NULL DEFAULT 0,
  PRIMARY KEY (code, level),
  CHECK ((level = 5) = (kind IS NOT NULL)),
  CHECK ((level = 0) = (parent_code IS NULL))
);
CREATE INDEX areas_children ON areas (parent_code, parent_level, code);
CREATE INDEX areas_name_grams ON areas USING gin (name_grams);

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
  mobile_enc bytea NOT NULL,
  mobile_hash bytea NOT NULL UNIQUE,
  password_hash text NOT NULL,
  must_change_password boolean NOT NULL DEFAULT true,
  -- the jurisdiction the account belongs to: who may see and manage it
  area_code char(12) NOT NULL,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  failed_sign_ins integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  password_changed_at timestamptz,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX users_area ON users (area_code, id);

CREATE TABLE role_grants (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('sysadmin', 'civilAffairs', 'civilizationOffice', 'township', 'committee',
    'orgAdmin', 'volunteer', 'resident', 'reviewer')),
  area_code char(12) NOT NULL,
  area_level smallint NOT NULL CHECK (area_level BETWEEN 0 AND 5),
  org_id uuid,
  granted_by uuid REFERENCES users (id),
  granted_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((role = 'orgAdmin') = (org_id IS NOT NULL)),
  UNIQUE NULLS NOT DISTINCT (user_id, role, area_code, area_level, org_id)
);
CREATE INDEX role_grants_user ON role_grants (user_id);
CREATE INDEX role_grants_area ON role_grants (area_code);

CREATE TABLE sessions (
  token_hash bytea PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf_token text NOT NULL,
  current_area_code char(12),
  current_area_level smallint,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  source_ip text,
  user_agent text
);
CREATE INDEX sessions_user ON sessions (user_id);

-- failed sign-ins per source address, to slow password guessing across accounts
CREATE TABLE sign_in_throttle (
  source_ip text PRIMARY KEY,
  failures integer NOT NULL,
  window_started_at timestamptz NOT NULL
);

-- Append-only, hash-chained audit trail (HMAC-SM3, computed by the application).
CREATE TABLE audit_log (
  seq bigint PRIMARY KEY,
  at timestamptz NOT NULL,
  actor_id uuid,
  actor_role text,
  action text NOT NULL,
  entity text NOT NULL,
  entity_id text,
  area_code char(12),
  source_ip text,
  before jsonb,
  after jsonb,
  prev_hash bytea,
  hash bytea NOT NULL
);
CREATE INDEX audit_log_area ON audit_log (area_code, seq DESC);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);

CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
