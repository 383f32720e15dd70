-- Statistics (C11): rollups for the dashboards, recognitions, plans and targets.
--
-- Counts are kept in the same transaction as the write by statement-level AFTER triggers with
-- transition tables: a statement touching 100,000 rows costs one aggregated upsert per rollup
-- table, not one per row. Two granularities: per home area (the row's own area_code, a community
-- or a township: "leaf") and per county (left(code, 6)); a country/province/city figure sums
-- county rows, a county/township figure sums leaf rows by code prefix. Deltas are upserted in key
-- order (… ORDER BY key ON CONFLICT DO UPDATE SET n = n + EXCLUDED.n) so concurrent statements
-- lock rollup rows in the same order; deltas that sum to zero are skipped (no lock taken). Rows
-- whose counts fall back to zero are kept (never deleted), and statistics_verify() treats an
-- all-zero row as an absent one. statistics_rebuild() recomputes everything from the base tables
-- (bulk loads with triggers off, repair); statistics_verify() lists the differences.
--
-- Each source has one definition of what a row adds (stat_<source>_vector) and one generator of
-- the upsert statements (stat_<source>_statements), used by the triggers, the rebuild and the
-- verification alike. The repetitive column lists below follow one pattern per source.

-- 品牌组织 · 示范型组织 · 示范点 (GLOSSARY): recognitions granted to an organization for a year.
CREATE TABLE org_recognitions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('brandOrg', 'modelOrg', 'demonstrationSite')),
  year smallint NOT NULL CHECK (year BETWEEN 1949 AND 2100),
  reason text NOT NULL CHECK (length(reason) BETWEEN 2 AND 500),
  -- the granting body: the officer and the area of the grant they acted under
  granted_by uuid NOT NULL REFERENCES users (id),
  granted_area_code char(12) NOT NULL,
  granted_at timestamptz NOT NULL DEFAULT now(),
  revoked_by uuid REFERENCES users (id),
  revoked_at timestamptz,
  revoke_reason text,
  CHECK ((revoked_at IS NULL) = (revoked_by IS NULL))
);
CREATE UNIQUE INDEX org_recognitions_one_live ON org_recognitions (org_id, kind, year) WHERE revoked_at IS NULL;
CREATE INDEX org_recognitions_org ON org_recognitions (org_id, granted_at DESC);

-- The kinds an organization holds now (live recognitions), kept by the trigger below so the
-- organizations rollup counts them with the row's other columns (and moves them with its area).
ALTER TABLE organizations ADD COLUMN recognitions text[] NOT NULL DEFAULT '{}';

CREATE FUNCTION org_recognitions_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE organizations o SET recognitions = k.kinds
    FROM (SELECT a.org_id, coalesce((SELECT array_agg(DISTINCT r.kind ORDER BY r.kind) FROM org_recognitions r
                                      WHERE r.org_id = a.org_id AND r.revoked_at IS NULL), '{}') AS kinds
            FROM (SELECT org_id FROM changed_rows) a GROUP BY a.org_id) k
   WHERE o.id = k.org_id AND o.recognitions IS DISTINCT FROM k.kinds;
  RETURN NULL;
END;
$$;
CREATE TRIGGER org_recognitions_insert AFTER INSERT ON org_recognitions REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION org_recognitions_changed();
CREATE TRIGGER org_recognitions_update AFTER UPDATE ON org_recognitions REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION org_recognitions_changed();
CREATE TRIGGER org_recognitions_delete AFTER DELETE ON org_recognitions REFERENCING OLD TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION org_recognitions_changed();

-- Townships and urban / rural communities per county (the denominators of the per-community
-- averages and the hub share), recomputed whenever the area tree changes (an import).
CREATE TABLE stat_area_units (
  county_code char(6) PRIMARY KEY,
  townships bigint NOT NULL DEFAULT 0,
  urban_communities bigint NOT NULL DEFAULT 0,
  rural_communities bigint NOT NULL DEFAULT 0
);
CREATE FUNCTION stat_area_units_compute() RETURNS void LANGUAGE sql AS $$
  DELETE FROM stat_area_units;
  INSERT INTO stat_area_units (county_code, townships, urban_communities, rural_communities)
    SELECT left(code, 6), count(*) FILTER (WHERE level = 4),
           count(*) FILTER (WHERE level = 5 AND kind = 'urban'), count(*) FILTER (WHERE level = 5 AND kind = 'rural')
      FROM areas WHERE level >= 4 GROUP BY 1;
$$;
CREATE FUNCTION stat_area_units_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM stat_area_units_compute();
  RETURN NULL;
END;
$$;
CREATE TRIGGER stat_area_units AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON areas
  FOR EACH STATEMENT EXECUTE FUNCTION stat_area_units_changed();
SELECT stat_area_units_compute();


-- organizations: one row per home area (leaf) and one per county (left(code, 6))

CREATE TABLE stat_orgs (
  area_code char(12) PRIMARY KEY,
  status_pending bigint NOT NULL DEFAULT 0,
  status_not_established bigint NOT NULL DEFAULT 0,
  status_active bigint NOT NULL DEFAULT 0,
  status_suspended bigint NOT NULL DEFAULT 0,
  status_abnormal bigint NOT NULL DEFAULT 0,
  status_dissolved bigint NOT NULL DEFAULT 0,
  established bigint NOT NULL DEFAULT 0,
  tier_registered bigint NOT NULL DEFAULT 0,
  tier_filed bigint NOT NULL DEFAULT 0,
  tier_guided bigint NOT NULL DEFAULT 0,
  category_charity bigint NOT NULL DEFAULT 0,
  category_living_services bigint NOT NULL DEFAULT 0,
  category_community_affairs bigint NOT NULL DEFAULT 0,
  category_culture_sports bigint NOT NULL DEFAULT 0,
  hub_hub bigint NOT NULL DEFAULT 0,
  hub_federation bigint NOT NULL DEFAULT 0,
  party_standalone bigint NOT NULL DEFAULT 0,
  party_joint bigint NOT NULL DEFAULT 0,
  party_instructor bigint NOT NULL DEFAULT 0,
  charter_party_clause bigint NOT NULL DEFAULT 0,
  in_urban_community bigint NOT NULL DEFAULT 0,
  in_rural_community bigint NOT NULL DEFAULT 0,
  brand_org bigint NOT NULL DEFAULT 0,
  model_org bigint NOT NULL DEFAULT 0,
  demonstration_site bigint NOT NULL DEFAULT 0
);

CREATE TABLE stat_orgs_county (
  county_code char(6) PRIMARY KEY,
  status_pending bigint NOT NULL DEFAULT 0,
  status_not_established bigint NOT NULL DEFAULT 0,
  status_active bigint NOT NULL DEFAULT 0,
  status_suspended bigint NOT NULL DEFAULT 0,
  status_abnormal bigint NOT NULL DEFAULT 0,
  status_dissolved bigint NOT NULL DEFAULT 0,
  established bigint NOT NULL DEFAULT 0,
  tier_registered bigint NOT NULL DEFAULT 0,
  tier_filed bigint NOT NULL DEFAULT 0,
  tier_guided bigint NOT NULL DEFAULT 0,
  category_charity bigint NOT NULL DEFAULT 0,
  category_living_services bigint NOT NULL DEFAULT 0,
  category_community_affairs bigint NOT NULL DEFAULT 0,
  category_culture_sports bigint NOT NULL DEFAULT 0,
  hub_hub bigint NOT NULL DEFAULT 0,
  hub_federation bigint NOT NULL DEFAULT 0,
  party_standalone bigint NOT NULL DEFAULT 0,
  party_joint bigint NOT NULL DEFAULT 0,
  party_instructor bigint NOT NULL DEFAULT 0,
  charter_party_clause bigint NOT NULL DEFAULT 0,
  in_urban_community bigint NOT NULL DEFAULT 0,
  in_rural_community bigint NOT NULL DEFAULT 0,
  brand_org bigint NOT NULL DEFAULT 0,
  model_org bigint NOT NULL DEFAULT 0,
  demonstration_site bigint NOT NULL DEFAULT 0,
  townships_with_hub bigint NOT NULL DEFAULT 0
);

-- What one organizations row adds to its area's counts (zero rows: nothing).
CREATE FUNCTION stat_orgs_vector(r organizations) RETURNS TABLE (area_code char(12), status_pending int, status_not_established int, status_active int, status_suspended int, status_abnormal int, status_dissolved int, established int, tier_registered int, tier_filed int, tier_guided int, category_charity int, category_living_services int, category_community_affairs int, category_culture_sports int, hub_hub int, hub_federation int, party_standalone int, party_joint int, party_instructor int, charter_party_clause int, in_urban_community int, in_rural_community int, brand_org int, model_org int, demonstration_site int)
LANGUAGE sql STABLE AS $$
  SELECT r.area_code,
    (r.status = 'pending')::int, (r.status = 'notEstablished')::int, (r.status = 'active')::int,
    (r.status = 'suspended')::int, (r.status = 'abnormal')::int, (r.status = 'dissolved')::int,
    e::int, (e AND r.tier = 'registered')::int, (e AND r.tier = 'filed')::int, (e AND r.tier = 'guided')::int,
    (e AND r.category = 'charity')::int, (e AND r.category = 'livingServices')::int,
    (e AND r.category = 'communityAffairs')::int, (e AND r.category = 'cultureSports')::int,
    (e AND r.hub_kind = 'hub')::int, (e AND r.hub_kind = 'federation')::int,
    (e AND r.party_org = 'standalone')::int, (e AND r.party_org = 'joint')::int, (e AND r.party_org = 'instructor')::int,
    (e AND r.charter_party_clause)::int,
    (e AND k.kind IS NOT DISTINCT FROM 'urban')::int, (e AND k.kind IS NOT DISTINCT FROM 'rural')::int,
    (e AND 'brandOrg' = ANY (r.recognitions))::int, (e AND 'modelOrg' = ANY (r.recognitions))::int,
    (e AND 'demonstrationSite' = ANY (r.recognitions))::int
  FROM (SELECT r.status IN ('active', 'suspended', 'abnormal') AS e) x
  LEFT JOIN LATERAL (SELECT a.kind FROM areas a WHERE a.code = r.area_code AND a.level = 5 LIMIT 1) k ON true
$$;

CREATE TABLE stat_org_years (
  area_code char(12) NOT NULL,
  year smallint NOT NULL,
  n bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (area_code, year)
);

CREATE TABLE stat_org_years_county (
  county_code char(6) NOT NULL,
  year smallint NOT NULL,
  n bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (county_code, year)
);

CREATE FUNCTION stat_org_years_vector(r organizations) RETURNS TABLE (area_code char(12), year smallint, n int)
LANGUAGE sql STABLE AS $$
  SELECT r.area_code, extract(year FROM r.founded_on)::smallint, 1
  WHERE r.status IN ('active', 'suspended', 'abnormal')
$$;

-- A full recomputation into empty tables: the leaf rows from `src`, the county rows from the leaf rows.
CREATE FUNCTION stat_orgs_rebuild_statements(src text, schema text DEFAULT 'public') RETURNS text[]
LANGUAGE sql IMMUTABLE AS $f$
  SELECT ARRAY[
    format('INSERT INTO %2$s.stat_orgs AS t (area_code, status_pending, status_not_established, status_active, status_suspended, status_abnormal, status_dissolved, established, tier_registered, tier_filed, tier_guided, category_charity, category_living_services, category_community_affairs, category_culture_sports, hub_hub, hub_federation, party_standalone, party_joint, party_instructor, charter_party_clause, in_urban_community, in_rural_community, brand_org, model_org, demonstration_site)
      SELECT * FROM (SELECT v.area_code, sum(d.sign * v.status_pending) AS status_pending, sum(d.sign * v.status_not_established) AS status_not_established, sum(d.sign * v.status_active) AS status_active, sum(d.sign * v.status_suspended) AS status_suspended, sum(d.sign * v.status_abnormal) AS status_abnormal, sum(d.sign * v.status_dissolved) AS status_dissolved, sum(d.sign * v.established) AS established, sum(d.sign * v.tier_registered) AS tier_registered, sum(d.sign * v.tier_filed) AS tier_filed, sum(d.sign * v.tier_guided) AS tier_guided, sum(d.sign * v.category_charity) AS category_charity, sum(d.sign * v.category_living_services) AS category_living_services, sum(d.sign * v.category_community_affairs) AS category_community_affairs, sum(d.sign * v.category_culture_sports) AS category_culture_sports, sum(d.sign * v.hub_hub) AS hub_hub, sum(d.sign * v.hub_federation) AS hub_federation, sum(d.sign * v.party_standalone) AS party_standalone, sum(d.sign * v.party_joint) AS party_joint, sum(d.sign * v.party_instructor) AS party_instructor, sum(d.sign * v.charter_party_clause) AS charter_party_clause, sum(d.sign * v.in_urban_community) AS in_urban_community, sum(d.sign * v.in_rural_community) AS in_rural_community, sum(d.sign * v.brand_org) AS brand_org, sum(d.sign * v.model_org) AS model_org, sum(d.sign * v.demonstration_site) AS demonstration_site FROM (%1$s) d CROSS JOIN LATERAL stat_orgs_vector(d.r) v GROUP BY v.area_code) x WHERE x.status_pending <> 0 OR x.status_not_established <> 0 OR x.status_active <> 0 OR x.status_suspended <> 0 OR x.status_abnormal <> 0 OR x.status_dissolved <> 0 OR x.established <> 0 OR x.tier_registered <> 0 OR x.tier_filed <> 0 OR x.tier_guided <> 0 OR x.category_charity <> 0 OR x.category_living_services <> 0 OR x.category_community_affairs <> 0 OR x.category_culture_sports <> 0 OR x.hub_hub <> 0 OR x.hub_federation <> 0 OR x.party_standalone <> 0 OR x.party_joint <> 0 OR x.party_instructor <> 0 OR x.charter_party_clause <> 0 OR x.in_urban_community <> 0 OR x.in_rural_community <> 0 OR x.brand_org <> 0 OR x.model_org <> 0 OR x.demonstration_site <> 0 ORDER BY 1
      ON CONFLICT (area_code) DO UPDATE SET status_pending = t.status_pending + EXCLUDED.status_pending, status_not_established = t.status_not_established + EXCLUDED.status_not_established, status_active = t.status_active + EXCLUDED.status_active, status_suspended = t.status_suspended + EXCLUDED.status_suspended, status_abnormal = t.status_abnormal + EXCLUDED.status_abnormal, status_dissolved = t.status_dissolved + EXCLUDED.status_dissolved, established = t.established + EXCLUDED.established, tier_registered = t.tier_registered + EXCLUDED.tier_registered, tier_filed = t.tier_filed + EXCLUDED.tier_filed, tier_guided = t.tier_guided + EXCLUDED.tier_guided, category_charity = t.category_charity + EXCLUDED.category_charity, category_living_services = t.category_living_services + EXCLUDED.category_living_services, category_community_affairs = t.category_community_affairs + EXCLUDED.category_community_affairs, category_culture_sports = t.category_culture_sports + EXCLUDED.category_culture_sports, hub_hub = t.hub_hub + EXCLUDED.hub_hub, hub_federation = t.hub_federation + EXCLUDED.hub_federation, party_standalone = t.party_standalone + EXCLUDED.party_standalone, party_joint = t.party_joint + EXCLUDED.party_joint, party_instructor = t.party_instructor + EXCLUDED.party_instructor, charter_party_clause = t.charter_party_clause + EXCLUDED.charter_party_clause, in_urban_community = t.in_urban_community + EXCLUDED.in_urban_community, in_rural_community = t.in_rural_community + EXCLUDED.in_rural_community, brand_org = t.brand_org + EXCLUDED.brand_org, model_org = t.model_org + EXCLUDED.model_org, demonstration_site = t.demonstration_site + EXCLUDED.demonstration_site', src, schema),
    format('INSERT INTO %2$s.stat_orgs_county (county_code, status_pending, status_not_established, status_active, status_suspended, status_abnormal, status_dissolved, established, tier_registered, tier_filed, tier_guided, category_charity, category_living_services, category_community_affairs, category_culture_sports, hub_hub, hub_federation, party_standalone, party_joint, party_instructor, charter_party_clause, in_urban_community, in_rural_community, brand_org, model_org, demonstration_site, townships_with_hub)
      SELECT left(area_code, 6), sum(status_pending), sum(status_not_established), sum(status_active), sum(status_suspended), sum(status_abnormal), sum(status_dissolved), sum(established), sum(tier_registered), sum(tier_filed), sum(tier_guided), sum(category_charity), sum(category_living_services), sum(category_community_affairs), sum(category_culture_sports), sum(hub_hub), sum(hub_federation), sum(party_standalone), sum(party_joint), sum(party_instructor), sum(charter_party_clause), sum(in_urban_community), sum(in_rural_community), sum(brand_org), sum(model_org), sum(demonstration_site), count(DISTINCT left(area_code, 9)) FILTER (WHERE hub_hub + hub_federation > 0)
        FROM %2$s.stat_orgs GROUP BY 1', src, schema),
    format('INSERT INTO %2$s.stat_org_years AS t (area_code, year, n)
      SELECT * FROM (SELECT v.area_code, v.year, sum(d.sign * v.n) AS n FROM (%1$s) d CROSS JOIN LATERAL stat_org_years_vector(d.r) v GROUP BY 1, 2) x WHERE x.n <> 0 ORDER BY 1, 2
      ON CONFLICT (area_code, year) DO UPDATE SET n = t.n + EXCLUDED.n', src, schema),
    format('INSERT INTO %2$s.stat_org_years_county (county_code, year, n)
      SELECT left(area_code, 6), year, sum(n) FROM %2$s.stat_org_years GROUP BY 1, 2', src, schema)
  ]
$f$;

-- The statements that add the rows of `src` (sign, r) to the orgs rollups in `schema`, in key order.
CREATE FUNCTION stat_orgs_statements(src text, schema text DEFAULT 'public') RETURNS text[]
LANGUAGE sql IMMUTABLE AS $f$
  SELECT ARRAY[
    format('INSERT INTO %2$s.stat_orgs AS t (area_code, status_pending, status_not_established, status_active, status_suspended, status_abnormal, status_dissolved, established, tier_registered, tier_filed, tier_guided, category_charity, category_living_services, category_community_affairs, category_culture_sports, hub_hub, hub_federation, party_standalone, party_joint, party_instructor, charter_party_clause, in_urban_community, in_rural_community, brand_org, model_org, demonstration_site)
      SELECT * FROM (SELECT v.area_code, sum(d.sign * v.status_pending) AS status_pending, sum(d.sign * v.status_not_established) AS status_not_established, sum(d.sign * v.status_active) AS status_active, sum(d.sign * v.status_suspended) AS status_suspended, sum(d.sign * v.status_abnormal) AS status_abnormal, sum(d.sign * v.status_dissolved) AS status_dissolved, sum(d.sign * v.established) AS established, sum(d.sign * v.tier_registered) AS tier_registered, sum(d.sign * v.tier_filed) AS tier_filed, sum(d.sign * v.tier_guided) AS tier_guided, sum(d.sign * v.category_charity) AS category_charity, sum(d.sign * v.category_living_services) AS category_living_services, sum(d.sign * v.category_community_affairs) AS category_community_affairs, sum(d.sign * v.category_culture_sports) AS category_culture_sports, sum(d.sign * v.hub_hub) AS hub_hub, sum(d.sign * v.hub_federation) AS hub_federation, sum(d.sign * v.party_standalone) AS party_standalone, sum(d.sign * v.party_joint) AS party_joint, sum(d.sign * v.party_instructor) AS party_instructor, sum(d.sign * v.charter_party_clause) AS charter_party_clause, sum(d.sign * v.in_urban_community) AS in_urban_community, sum(d.sign * v.in_rural_community) AS in_rural_community, sum(d.sign * v.brand_org) AS brand_org, sum(d.sign * v.model_org) AS model_org, sum(d.sign * v.demonstration_site) AS demonstration_site FROM (%1$s) d CROSS JOIN LATERAL stat_orgs_vector(d.r) v GROUP BY v.area_code) x WHERE x.status_pending <> 0 OR x.status_not_established <> 0 OR x.status_active <> 0 OR x.status_suspended <> 0 OR x.status_abnormal <> 0 OR x.status_dissolved <> 0 OR x.established <> 0 OR x.tier_registered <> 0 OR x.tier_filed <> 0 OR x.tier_guided <> 0 OR x.category_charity <> 0 OR x.category_living_services <> 0 OR x.category_community_affairs <> 0 OR x.category_culture_sports <> 0 OR x.hub_hub <> 0 OR x.hub_federation <> 0 OR x.party_standalone <> 0 OR x.party_joint <> 0 OR x.party_instructor <> 0 OR x.charter_party_clause <> 0 OR x.in_urban_community <> 0 OR x.in_rural_community <> 0 OR x.brand_org <> 0 OR x.model_org <> 0 OR x.demonstration_site <> 0 ORDER BY 1
      ON CONFLICT (area_code) DO UPDATE SET status_pending = t.status_pending + EXCLUDED.status_pending, status_not_established = t.status_not_established + EXCLUDED.status_not_established, status_active = t.status_active + EXCLUDED.status_active, status_suspended = t.status_suspended + EXCLUDED.status_suspended, status_abnormal = t.status_abnormal + EXCLUDED.status_abnormal, status_dissolved = t.status_dissolved + EXCLUDED.status_dissolved, established = t.established + EXCLUDED.established, tier_registered = t.tier_registered + EXCLUDED.tier_registered, tier_filed = t.tier_filed + EXCLUDED.tier_filed, tier_guided = t.tier_guided + EXCLUDED.tier_guided, category_charity = t.category_charity + EXCLUDED.category_charity, category_living_services = t.category_living_services + EXCLUDED.category_living_services, category_community_affairs = t.category_community_affairs + EXCLUDED.category_community_affairs, category_culture_sports = t.category_culture_sports + EXCLUDED.category_culture_sports, hub_hub = t.hub_hub + EXCLUDED.hub_hub, hub_federation = t.hub_federation + EXCLUDED.hub_federation, party_standalone = t.party_standalone + EXCLUDED.party_standalone, party_joint = t.party_joint + EXCLUDED.party_joint, party_instructor = t.party_instructor + EXCLUDED.party_instructor, charter_party_clause = t.charter_party_clause + EXCLUDED.charter_party_clause, in_urban_community = t.in_urban_community + EXCLUDED.in_urban_community, in_rural_community = t.in_rural_community + EXCLUDED.in_rural_community, brand_org = t.brand_org + EXCLUDED.brand_org, model_org = t.model_org + EXCLUDED.model_org, demonstration_site = t.demonstration_site + EXCLUDED.demonstration_site', src, schema),
    format('INSERT INTO %2$s.stat_orgs_county AS t (county_code, status_pending, status_not_established, status_active, status_suspended, status_abnormal, status_dissolved, established, tier_registered, tier_filed, tier_guided, category_charity, category_living_services, category_community_affairs, category_culture_sports, hub_hub, hub_federation, party_standalone, party_joint, party_instructor, charter_party_clause, in_urban_community, in_rural_community, brand_org, model_org, demonstration_site)
      SELECT left(x.area_code, 6), sum(x.status_pending), sum(x.status_not_established), sum(x.status_active), sum(x.status_suspended), sum(x.status_abnormal), sum(x.status_dissolved), sum(x.established), sum(x.tier_registered), sum(x.tier_filed), sum(x.tier_guided), sum(x.category_charity), sum(x.category_living_services), sum(x.category_community_affairs), sum(x.category_culture_sports), sum(x.hub_hub), sum(x.hub_federation), sum(x.party_standalone), sum(x.party_joint), sum(x.party_instructor), sum(x.charter_party_clause), sum(x.in_urban_community), sum(x.in_rural_community), sum(x.brand_org), sum(x.model_org), sum(x.demonstration_site) FROM (SELECT v.area_code, sum(d.sign * v.status_pending) AS status_pending, sum(d.sign * v.status_not_established) AS status_not_established, sum(d.sign * v.status_active) AS status_active, sum(d.sign * v.status_suspended) AS status_suspended, sum(d.sign * v.status_abnormal) AS status_abnormal, sum(d.sign * v.status_dissolved) AS status_dissolved, sum(d.sign * v.established) AS established, sum(d.sign * v.tier_registered) AS tier_registered, sum(d.sign * v.tier_filed) AS tier_filed, sum(d.sign * v.tier_guided) AS tier_guided, sum(d.sign * v.category_charity) AS category_charity, sum(d.sign * v.category_living_services) AS category_living_services, sum(d.sign * v.category_community_affairs) AS category_community_affairs, sum(d.sign * v.category_culture_sports) AS category_culture_sports, sum(d.sign * v.hub_hub) AS hub_hub, sum(d.sign * v.hub_federation) AS hub_federation, sum(d.sign * v.party_standalone) AS party_standalone, sum(d.sign * v.party_joint) AS party_joint, sum(d.sign * v.party_instructor) AS party_instructor, sum(d.sign * v.charter_party_clause) AS charter_party_clause, sum(d.sign * v.in_urban_community) AS in_urban_community, sum(d.sign * v.in_rural_community) AS in_rural_community, sum(d.sign * v.brand_org) AS brand_org, sum(d.sign * v.model_org) AS model_org, sum(d.sign * v.demonstration_site) AS demonstration_site FROM (%1$s) d CROSS JOIN LATERAL stat_orgs_vector(d.r) v GROUP BY v.area_code) x GROUP BY 1
      HAVING sum(x.status_pending) <> 0 OR sum(x.status_not_established) <> 0 OR sum(x.status_active) <> 0 OR sum(x.status_suspended) <> 0 OR sum(x.status_abnormal) <> 0 OR sum(x.status_dissolved) <> 0 OR sum(x.established) <> 0 OR sum(x.tier_registered) <> 0 OR sum(x.tier_filed) <> 0 OR sum(x.tier_guided) <> 0 OR sum(x.category_charity) <> 0 OR sum(x.category_living_services) <> 0 OR sum(x.category_community_affairs) <> 0 OR sum(x.category_culture_sports) <> 0 OR sum(x.hub_hub) <> 0 OR sum(x.hub_federation) <> 0 OR sum(x.party_standalone) <> 0 OR sum(x.party_joint) <> 0 OR sum(x.party_instructor) <> 0 OR sum(x.charter_party_clause) <> 0 OR sum(x.in_urban_community) <> 0 OR sum(x.in_rural_community) <> 0 OR sum(x.brand_org) <> 0 OR sum(x.model_org) <> 0 OR sum(x.demonstration_site) <> 0 ORDER BY 1
      ON CONFLICT (county_code) DO UPDATE SET status_pending = t.status_pending + EXCLUDED.status_pending, status_not_established = t.status_not_established + EXCLUDED.status_not_established, status_active = t.status_active + EXCLUDED.status_active, status_suspended = t.status_suspended + EXCLUDED.status_suspended, status_abnormal = t.status_abnormal + EXCLUDED.status_abnormal, status_dissolved = t.status_dissolved + EXCLUDED.status_dissolved, established = t.established + EXCLUDED.established, tier_registered = t.tier_registered + EXCLUDED.tier_registered, tier_filed = t.tier_filed + EXCLUDED.tier_filed, tier_guided = t.tier_guided + EXCLUDED.tier_guided, category_charity = t.category_charity + EXCLUDED.category_charity, category_living_services = t.category_living_services + EXCLUDED.category_living_services, category_community_affairs = t.category_community_affairs + EXCLUDED.category_community_affairs, category_culture_sports = t.category_culture_sports + EXCLUDED.category_culture_sports, hub_hub = t.hub_hub + EXCLUDED.hub_hub, hub_federation = t.hub_federation + EXCLUDED.hub_federation, party_standalone = t.party_standalone + EXCLUDED.party_standalone, party_joint = t.party_joint + EXCLUDED.party_joint, party_instructor = t.party_instructor + EXCLUDED.party_instructor, charter_party_clause = t.charter_party_clause + EXCLUDED.charter_party_clause, in_urban_community = t.in_urban_community + EXCLUDED.in_urban_community, in_rural_community = t.in_rural_community + EXCLUDED.in_rural_community, brand_org = t.brand_org + EXCLUDED.brand_org, model_org = t.model_org + EXCLUDED.model_org, demonstration_site = t.demonstration_site + EXCLUDED.demonstration_site', src, schema),
    format('UPDATE %2$s.stat_orgs_county c SET townships_with_hub = (
        SELECT count(DISTINCT left(s.area_code, 9)) FROM %2$s.stat_orgs s
         WHERE s.area_code BETWEEN c.county_code || ''000000'' AND c.county_code || ''999999''
           AND s.hub_hub + s.hub_federation > 0)
      WHERE c.county_code IN (SELECT left(x.township, 6) FROM (SELECT left(v.area_code, 9) AS township
        FROM (%1$s) d CROSS JOIN LATERAL stat_orgs_vector(d.r) v GROUP BY 1
        HAVING sum(d.sign * (v.hub_hub + v.hub_federation)) <> 0) x)', src, schema),
    format('INSERT INTO %2$s.stat_org_years AS t (area_code, year, n)
      SELECT * FROM (SELECT v.area_code, v.year, sum(d.sign * v.n) AS n FROM (%1$s) d CROSS JOIN LATERAL stat_org_years_vector(d.r) v GROUP BY 1, 2) x WHERE x.n <> 0 ORDER BY 1, 2
      ON CONFLICT (area_code, year) DO UPDATE SET n = t.n + EXCLUDED.n', src, schema),
    format('INSERT INTO %2$s.stat_org_years_county AS t (county_code, year, n)
      SELECT left(x.area_code, 6), x.year, sum(x.n) FROM (SELECT v.area_code, v.year, sum(d.sign * v.n) AS n FROM (%1$s) d CROSS JOIN LATERAL stat_org_years_vector(d.r) v GROUP BY 1, 2) x GROUP BY 1, 2 HAVING sum(x.n) <> 0 ORDER BY 1, 2
      ON CONFLICT (county_code, year) DO UPDATE SET n = t.n + EXCLUDED.n', src, schema)
  ]
$f$;



-- activities: one row per home area (leaf) and one per county (left(code, 6))

CREATE TABLE stat_activities (
  area_code char(12) PRIMARY KEY,
  status_draft bigint NOT NULL DEFAULT 0,
  status_awaiting_approval bigint NOT NULL DEFAULT 0,
  status_awaiting_acknowledgement bigint NOT NULL DEFAULT 0,
  status_rejected bigint NOT NULL DEFAULT 0,
  status_ready bigint NOT NULL DEFAULT 0,
  status_published bigint NOT NULL DEFAULT 0,
  status_completed bigint NOT NULL DEFAULT 0,
  status_cancelled bigint NOT NULL DEFAULT 0,
  held bigint NOT NULL DEFAULT 0,
  field_theory bigint NOT NULL DEFAULT 0,
  field_customs bigint NOT NULL DEFAULT 0,
  field_culture_sports bigint NOT NULL DEFAULT 0,
  field_services bigint NOT NULL DEFAULT 0,
  field_mediation bigint NOT NULL DEFAULT 0,
  participants bigint NOT NULL DEFAULT 0
);

CREATE TABLE stat_activities_county (
  county_code char(6) PRIMARY KEY,
  status_draft bigint NOT NULL DEFAULT 0,
  status_awaiting_approval bigint NOT NULL DEFAULT 0,
  status_awaiting_acknowledgement bigint NOT NULL DEFAULT 0,
  status_rejected bigint NOT NULL DEFAULT 0,
  status_ready bigint NOT NULL DEFAULT 0,
  status_published bigint NOT NULL DEFAULT 0,
  status_completed bigint NOT NULL DEFAULT 0,
  status_cancelled bigint NOT NULL DEFAULT 0,
  held bigint NOT NULL DEFAULT 0,
  field_theory bigint NOT NULL DEFAULT 0,
  field_customs bigint NOT NULL DEFAULT 0,
  field_culture_sports bigint NOT NULL DEFAULT 0,
  field_services bigint NOT NULL DEFAULT 0,
  field_mediation bigint NOT NULL DEFAULT 0,
  participants bigint NOT NULL DEFAULT 0
);

-- What one activities row adds to its area's counts (zero rows: nothing).
CREATE FUNCTION stat_activities_vector(r activities) RETURNS TABLE (area_code char(12), status_draft int, status_awaiting_approval int, status_awaiting_acknowledgement int, status_rejected int, status_ready int, status_published int, status_completed int, status_cancelled int, held int, field_theory int, field_customs int, field_culture_sports int, field_services int, field_mediation int, participants bigint)
LANGUAGE sql STABLE AS $$
  SELECT r.area_code,
    (r.status = 'draft')::int, (r.status = 'awaitingApproval')::int, (r.status = 'awaitingAcknowledgement')::int,
    (r.status = 'rejected')::int, (r.status = 'ready')::int, (r.status = 'published')::int,
    (r.status = 'completed')::int, (r.status = 'cancelled')::int,
    h::int, (h AND r.field = 'theory')::int, (h AND r.field = 'customs')::int, (h AND r.field = 'cultureSports')::int,
    (h AND r.field = 'services')::int, (h AND r.field = 'mediation')::int,
    CASE WHEN r.status = 'completed' THEN coalesce(r.actual_participants, 0) ELSE 0 END
  FROM (SELECT r.status IN ('published', 'completed') AS h) x
$$;

CREATE TABLE stat_activity_campaigns (
  area_code char(12) NOT NULL,
  campaign text NOT NULL,
  n bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (area_code, campaign)
);

CREATE TABLE stat_activity_campaigns_county (
  county_code char(6) NOT NULL,
  campaign text NOT NULL,
  n bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (county_code, campaign)
);

CREATE FUNCTION stat_activity_campaigns_vector(r activities) RETURNS TABLE (area_code char(12), campaign text, n int)
LANGUAGE sql STABLE AS $$
  SELECT r.area_code, r.campaign, 1
  WHERE r.status IN ('published', 'completed') AND r.campaign IS NOT NULL
$$;

-- A full recomputation into empty tables: the leaf rows from `src`, the county rows from the leaf rows.
CREATE FUNCTION stat_activities_rebuild_statements(src text, schema text DEFAULT 'public') RETURNS text[]
LANGUAGE sql IMMUTABLE AS $f$
  SELECT ARRAY[
    format('INSERT INTO %2$s.stat_activities AS t (area_code, status_draft, status_awaiting_approval, status_awaiting_acknowledgement, status_rejected, status_ready, status_published, status_completed, status_cancelled, held, field_theory, field_customs, field_culture_sports, field_services, field_mediation, participants)
      SELECT * FROM (SELECT v.area_code, sum(d.sign * v.status_draft) AS status_draft, sum(d.sign * v.status_awaiting_approval) AS status_awaiting_approval, sum(d.sign * v.status_awaiting_acknowledgement) AS status_awaiting_acknowledgement, sum(d.sign * v.status_rejected) AS status_rejected, sum(d.sign * v.status_ready) AS status_ready, sum(d.sign * v.status_published) AS status_published, sum(d.sign * v.status_completed) AS status_completed, sum(d.sign * v.status_cancelled) AS status_cancelled, sum(d.sign * v.held) AS held, sum(d.sign * v.field_theory) AS field_theory, sum(d.sign * v.field_customs) AS field_customs, sum(d.sign * v.field_culture_sports) AS field_culture_sports, sum(d.sign * v.field_services) AS field_services, sum(d.sign * v.field_mediation) AS field_mediation, sum(d.sign * v.participants) AS participants FROM (%1$s) d CROSS JOIN LATERAL stat_activities_vector(d.r) v GROUP BY v.area_code) x WHERE x.status_draft <> 0 OR x.status_awaiting_approval <> 0 OR x.status_awaiting_acknowledgement <> 0 OR x.status_rejected <> 0 OR x.status_ready <> 0 OR x.status_published <> 0 OR x.status_completed <> 0 OR x.status_cancelled <> 0 OR x.held <> 0 OR x.field_theory <> 0 OR x.field_customs <> 0 OR x.field_culture_sports <> 0 OR x.field_services <> 0 OR x.field_mediation <> 0 OR x.participants <> 0 ORDER BY 1
      ON CONFLICT (area_code) DO UPDATE SET status_draft = t.status_draft + EXCLUDED.status_draft, status_awaiting_approval = t.status_awaiting_approval + EXCLUDED.status_awaiting_approval, status_awaiting_acknowledgement = t.status_awaiting_acknowledgement + EXCLUDED.status_awaiting_acknowledgement, status_rejected = t.status_rejected + EXCLUDED.status_rejected, status_ready = t.status_ready + EXCLUDED.status_ready, status_published = t.status_published + EXCLUDED.status_published, status_completed = t.status_completed + EXCLUDED.status_completed, status_cancelled = t.status_cancelled + EXCLUDED.status_cancelled, held = t.held + EXCLUDED.held, field_theory = t.field_theory + EXCLUDED.field_theory, field_customs = t.field_customs + EXCLUDED.field_customs, field_culture_sports = t.field_culture_sports + EXCLUDED.field_culture_sports, field_services = t.field_services + EXCLUDED.field_services, field_mediation = t.field_mediation + EXCLUDED.field_mediation, participants = t.participants + EXCLUDED.participants', src, schema),
    format('INSERT INTO %2$s.stat_activities_county (county_code, status_draft, status_awaiting_approval, status_awaiting_acknowledgement, status_rejected, status_ready, status_published, status_completed, status_cancelled, held, field_theory, field_customs, field_culture_sports, field_services, field_mediation, participants)
      SELECT left(area_code, 6), sum(status_draft), sum(status_awaiting_approval), sum(status_awaiting_acknowledgement), sum(status_rejected), sum(status_ready), sum(status_published), sum(status_completed), sum(status_cancelled), sum(held), sum(field_theory), sum(field_customs), sum(field_culture_sports), sum(field_services), sum(field_mediation), sum(participants)
        FROM %2$s.stat_activities GROUP BY 1', src, schema),
    format('INSERT INTO %2$s.stat_activity_campaigns AS t (area_code, campaign, n)
      SELECT * FROM (SELECT v.area_code, v.campaign, sum(d.sign * v.n) AS n FROM (%1$s) d CROSS JOIN LATERAL stat_activity_campaigns_vector(d.r) v GROUP BY 1, 2) x WHERE x.n <> 0 ORDER BY 1, 2
      ON CONFLICT (area_code, campaign) DO UPDATE SET n = t.n + EXCLUDED.n', src, schema),
    format('INSERT INTO %2$s.stat_activity_campaigns_county (county_code, campaign, n)
      SELECT left(area_code, 6), campaign, sum(n) FROM %2$s.stat_activity_campaigns GROUP BY 1, 2', src, schema)
  ]
$f$;

-- The statements that add the rows of `src` (sign, r) to the activities rollups in `schema`, in key order.
CREATE FUNCTION stat_activities_statements(src text, schema text DEFAULT 'public') RETURNS text[]
LANGUAGE sql IMMUTABLE AS $f$
  SELECT ARRAY[
    format('INSERT INTO %2$s.stat_activities AS t (area_code, status_draft, status_awaiting_approval, status_awaiting_acknowledgement, status_rejected, status_ready, status_published, status_completed, status_cancelled, held, field_theory, field_customs, field_culture_sports, field_services, field_mediation, participants)
      SELECT * FROM (SELECT v.area_code, sum(d.sign * v.status_draft) AS status_draft, sum(d.sign * v.status_awaiting_approval) AS status_awaiting_approval, sum(d.sign * v.status_awaiting_acknowledgement) AS status_awaiting_acknowledgement, sum(d.sign * v.status_rejected) AS status_rejected, sum(d.sign * v.status_ready) AS status_ready, sum(d.sign * v.status_published) AS status_published, sum(d.sign * v.status_completed) AS status_completed, sum(d.sign * v.status_cancelled) AS status_cancelled, sum(d.sign * v.held) AS held, sum(d.sign * v.field_theory) AS field_theory, sum(d.sign * v.field_customs) AS field_customs, sum(d.sign * v.field_culture_sports) AS field_culture_sports, sum(d.sign * v.field_services) AS field_services, sum(d.sign * v.field_mediation) AS field_mediation, sum(d.sign * v.participants) AS participants FROM (%1$s) d CROSS JOIN LATERAL stat_activities_vector(d.r) v GROUP BY v.area_code) x WHERE x.status_draft <> 0 OR x.status_awaiting_approval <> 0 OR x.status_awaiting_acknowledgement <> 0 OR x.status_rejected <> 0 OR x.status_ready <> 0 OR x.status_published <> 0 OR x.status_completed <> 0 OR x.status_cancelled <> 0 OR x.held <> 0 OR x.field_theory <> 0 OR x.field_customs <> 0 OR x.field_culture_sports <> 0 OR x.field_services <> 0 OR x.field_mediation <> 0 OR x.participants <> 0 ORDER BY 1
      ON CONFLICT (area_code) DO UPDATE SET status_draft = t.status_draft + EXCLUDED.status_draft, status_awaiting_approval = t.status_awaiting_approval + EXCLUDED.status_awaiting_approval, status_awaiting_acknowledgement = t.status_awaiting_acknowledgement + EXCLUDED.status_awaiting_acknowledgement, status_rejected = t.status_rejected + EXCLUDED.status_rejected, status_ready = t.status_ready + EXCLUDED.status_ready, status_published = t.status_published + EXCLUDED.status_published, status_completed = t.status_completed + EXCLUDED.status_completed, status_cancelled = t.status_cancelled + EXCLUDED.status_cancelled, held = t.held + EXCLUDED.held, field_theory = t.field_theory + EXCLUDED.field_theory, field_customs = t.field_customs + EXCLUDED.field_customs, field_culture_sports = t.field_culture_sports + EXCLUDED.field_culture_sports, field_services = t.field_services + EXCLUDED.field_services, field_mediation = t.field_mediation + EXCLUDED.field_mediation, participants = t.participants + EXCLUDED.participants', src, schema),
    format('INSERT INTO %2$s.stat_activities_county AS t (county_code, status_draft, status_awaiting_approval, status_awaiting_acknowledgement, status_rejected, status_ready, status_published, status_completed, status_cancelled, held, field_theory, field_customs, field_culture_sports, field_services, field_mediation, participants)
      SELECT left(x.area_code, 6), sum(x.status_draft), sum(x.status_awaiting_approval), sum(x.status_awaiting_acknowledgement), sum(x.status_rejected), sum(x.status_ready), sum(x.status_published), sum(x.status_completed), sum(x.status_cancelled), sum(x.held), sum(x.field_theory), sum(x.field_customs), sum(x.field_culture_sports), sum(x.field_services), sum(x.field_mediation), sum(x.participants) FROM (SELECT v.area_code, sum(d.sign * v.status_draft) AS status_draft, sum(d.sign * v.status_awaiting_approval) AS status_awaiting_approval, sum(d.sign * v.status_awaiting_acknowledgement) AS status_awaiting_acknowledgement, sum(d.sign * v.status_rejected) AS status_rejected, sum(d.sign * v.status_ready) AS status_ready, sum(d.sign * v.status_published) AS status_published, sum(d.sign * v.status_completed) AS status_completed, sum(d.sign * v.status_cancelled) AS status_cancelled, sum(d.sign * v.held) AS held, sum(d.sign * v.field_theory) AS field_theory, sum(d.sign * v.field_customs) AS field_customs, sum(d.sign * v.field_culture_sports) AS field_culture_sports, sum(d.sign * v.field_services) AS field_services, sum(d.sign * v.field_mediation) AS field_mediation, sum(d.sign * v.participants) AS participants FROM (%1$s) d CROSS JOIN LATERAL stat_activities_vector(d.r) v GROUP BY v.area_code) x GROUP BY 1
      HAVING sum(x.status_draft) <> 0 OR sum(x.status_awaiting_approval) <> 0 OR sum(x.status_awaiting_acknowledgement) <> 0 OR sum(x.status_rejected) <> 0 OR sum(x.status_ready) <> 0 OR sum(x.status_published) <> 0 OR sum(x.status_completed) <> 0 OR sum(x.status_cancelled) <> 0 OR sum(x.held) <> 0 OR sum(x.field_theory) <> 0 OR sum(x.field_customs) <> 0 OR sum(x.field_culture_sports) <> 0 OR sum(x.field_services) <> 0 OR sum(x.field_mediation) <> 0 OR sum(x.participants) <> 0 ORDER BY 1
      ON CONFLICT (county_code) DO UPDATE SET status_draft = t.status_draft + EXCLUDED.status_draft, status_awaiting_approval = t.status_awaiting_approval + EXCLUDED.status_awaiting_approval, status_awaiting_acknowledgement = t.status_awaiting_acknowledgement + EXCLUDED.status_awaiting_acknowledgement, status_rejected = t.status_rejected + EXCLUDED.status_rejected, status_ready = t.status_ready + EXCLUDED.status_ready, status_published = t.status_published + EXCLUDED.status_published, status_completed = t.status_completed + EXCLUDED.status_completed, status_cancelled = t.status_cancelled + EXCLUDED.status_cancelled, held = t.held + EXCLUDED.held, field_theory = t.field_theory + EXCLUDED.field_theory, field_customs = t.field_customs + EXCLUDED.field_customs, field_culture_sports = t.field_culture_sports + EXCLUDED.field_culture_sports, field_services = t.field_services + EXCLUDED.field_services, field_mediation = t.field_mediation + EXCLUDED.field_mediation, participants = t.participants + EXCLUDED.participants', src, schema),
    format('INSERT INTO %2$s.stat_activity_campaigns AS t (area_code, campaign, n)
      SELECT * FROM (SELECT v.area_code, v.campaign, sum(d.sign * v.n) AS n FROM (%1$s) d CROSS JOIN LATERAL stat_activity_campaigns_vector(d.r) v GROUP BY 1, 2) x WHERE x.n <> 0 ORDER BY 1, 2
      ON CONFLICT (area_code, campaign) DO UPDATE SET n = t.n + EXCLUDED.n', src, schema),
    format('INSERT INTO %2$s.stat_activity_campaigns_county AS t (county_code, campaign, n)
      SELECT left(x.area_code, 6), x.campaign, sum(x.n) FROM (SELECT v.area_code, v.campaign, sum(d.sign * v.n) AS n FROM (%1$s) d CROSS JOIN LATERAL stat_activity_campaigns_vector(d.r) v GROUP BY 1, 2) x GROUP BY 1, 2 HAVING sum(x.n) <> 0 ORDER BY 1, 2
      ON CONFLICT (county_code, campaign) DO UPDATE SET n = t.n + EXCLUDED.n', src, schema)
  ]
$f$;



-- volunteers: one row per home area (leaf) and one per county (left(code, 6))

CREATE TABLE stat_volunteers (
  area_code char(12) PRIMARY KEY,
  volunteers bigint NOT NULL DEFAULT 0,
  star_1 bigint NOT NULL DEFAULT 0,
  star_2 bigint NOT NULL DEFAULT 0,
  star_3 bigint NOT NULL DEFAULT 0,
  star_4 bigint NOT NULL DEFAULT 0,
  star_5 bigint NOT NULL DEFAULT 0
);

CREATE TABLE stat_volunteers_county (
  county_code char(6) PRIMARY KEY,
  volunteers bigint NOT NULL DEFAULT 0,
  star_1 bigint NOT NULL DEFAULT 0,
  star_2 bigint NOT NULL DEFAULT 0,
  star_3 bigint NOT NULL DEFAULT 0,
  star_4 bigint NOT NULL DEFAULT 0,
  star_5 bigint NOT NULL DEFAULT 0
);

-- What one volunteers row adds to its area's counts (zero rows: nothing).
CREATE FUNCTION stat_volunteers_vector(r volunteers) RETURNS TABLE (area_code char(12), volunteers int, star_1 int, star_2 int, star_3 int, star_4 int, star_5 int)
LANGUAGE sql STABLE AS $$
  SELECT r.area_code, 1, (r.star_level = 1)::int, (r.star_level = 2)::int, (r.star_level = 3)::int,
    (r.star_level = 4)::int, (r.star_level = 5)::int
$$;

-- A full recomputation into empty tables: the leaf rows from `src`, the county rows from the leaf rows.
CREATE FUNCTION stat_volunteers_rebuild_statements(src text, schema text DEFAULT 'public') RETURNS text[]
LANGUAGE sql IMMUTABLE AS $f$
  SELECT ARRAY[
    format('INSERT INTO %2$s.stat_volunteers AS t (area_code, volunteers, star_1, star_2, star_3, star_4, star_5)
      SELECT * FROM (SELECT v.area_code, sum(d.sign * v.volunteers) AS volunteers, sum(d.sign * v.star_1) AS star_1, sum(d.sign * v.star_2) AS star_2, sum(d.sign * v.star_3) AS star_3, sum(d.sign * v.star_4) AS star_4, sum(d.sign * v.star_5) AS star_5 FROM (%1$s) d CROSS JOIN LATERAL stat_volunteers_vector(d.r) v GROUP BY v.area_code) x WHERE x.volunteers <> 0 OR x.star_1 <> 0 OR x.star_2 <> 0 OR x.star_3 <> 0 OR x.star_4 <> 0 OR x.star_5 <> 0 ORDER BY 1
      ON CONFLICT (area_code) DO UPDATE SET volunteers = t.volunteers + EXCLUDED.volunteers, star_1 = t.star_1 + EXCLUDED.star_1, star_2 = t.star_2 + EXCLUDED.star_2, star_3 = t.star_3 + EXCLUDED.star_3, star_4 = t.star_4 + EXCLUDED.star_4, star_5 = t.star_5 + EXCLUDED.star_5', src, schema),
    format('INSERT INTO %2$s.stat_volunteers_county (county_code, volunteers, star_1, star_2, star_3, star_4, star_5)
      SELECT left(area_code, 6), sum(volunteers), sum(star_1), sum(star_2), sum(star_3), sum(star_4), sum(star_5)
        FROM %2$s.stat_volunteers GROUP BY 1', src, schema)
  ]
$f$;

-- The statements that add the rows of `src` (sign, r) to the volunteers rollups in `schema`, in key order.
CREATE FUNCTION stat_volunteers_statements(src text, schema text DEFAULT 'public') RETURNS text[]
LANGUAGE sql IMMUTABLE AS $f$
  SELECT ARRAY[
    format('INSERT INTO %2$s.stat_volunteers AS t (area_code, volunteers, star_1, star_2, star_3, star_4, star_5)
      SELECT * FROM (SELECT v.area_code, sum(d.sign * v.volunteers) AS volunteers, sum(d.sign * v.star_1) AS star_1, sum(d.sign * v.star_2) AS star_2, sum(d.sign * v.star_3) AS star_3, sum(d.sign * v.star_4) AS star_4, sum(d.sign * v.star_5) AS star_5 FROM (%1$s) d CROSS JOIN LATERAL stat_volunteers_vector(d.r) v GROUP BY v.area_code) x WHERE x.volunteers <> 0 OR x.star_1 <> 0 OR x.star_2 <> 0 OR x.star_3 <> 0 OR x.star_4 <> 0 OR x.star_5 <> 0 ORDER BY 1
      ON CONFLICT (area_code) DO UPDATE SET volunteers = t.volunteers + EXCLUDED.volunteers, star_1 = t.star_1 + EXCLUDED.star_1, star_2 = t.star_2 + EXCLUDED.star_2, star_3 = t.star_3 + EXCLUDED.star_3, star_4 = t.star_4 + EXCLUDED.star_4, star_5 = t.star_5 + EXCLUDED.star_5', src, schema),
    format('INSERT INTO %2$s.stat_volunteers_county AS t (county_code, volunteers, star_1, star_2, star_3, star_4, star_5)
      SELECT left(x.area_code, 6), sum(x.volunteers), sum(x.star_1), sum(x.star_2), sum(x.star_3), sum(x.star_4), sum(x.star_5) FROM (SELECT v.area_code, sum(d.sign * v.volunteers) AS volunteers, sum(d.sign * v.star_1) AS star_1, sum(d.sign * v.star_2) AS star_2, sum(d.sign * v.star_3) AS star_3, sum(d.sign * v.star_4) AS star_4, sum(d.sign * v.star_5) AS star_5 FROM (%1$s) d CROSS JOIN LATERAL stat_volunteers_vector(d.r) v GROUP BY v.area_code) x GROUP BY 1
      HAVING sum(x.volunteers) <> 0 OR sum(x.star_1) <> 0 OR sum(x.star_2) <> 0 OR sum(x.star_3) <> 0 OR sum(x.star_4) <> 0 OR sum(x.star_5) <> 0 ORDER BY 1
      ON CONFLICT (county_code) DO UPDATE SET volunteers = t.volunteers + EXCLUDED.volunteers, star_1 = t.star_1 + EXCLUDED.star_1, star_2 = t.star_2 + EXCLUDED.star_2, star_3 = t.star_3 + EXCLUDED.star_3, star_4 = t.star_4 + EXCLUDED.star_4, star_5 = t.star_5 + EXCLUDED.star_5', src, schema)
  ]
$f$;



-- service_records: one row per home area (leaf) and one per county (left(code, 6))

CREATE TABLE stat_service (
  area_code char(12) PRIMARY KEY,
  confirmed_records bigint NOT NULL DEFAULT 0,
  confirmed_minutes bigint NOT NULL DEFAULT 0
);

CREATE TABLE stat_service_county (
  county_code char(6) PRIMARY KEY,
  confirmed_records bigint NOT NULL DEFAULT 0,
  confirmed_minutes bigint NOT NULL DEFAULT 0
);

-- What one service_records row adds to its area's counts (zero rows: nothing).
CREATE FUNCTION stat_service_vector(r service_records) RETURNS TABLE (area_code char(12), confirmed_records int, confirmed_minutes bigint)
LANGUAGE sql STABLE AS $$
  SELECT r.area_code, 1, coalesce(r.minutes, 0)
  WHERE r.status = 'confirmed'
$$;

-- A full recomputation into empty tables: the leaf rows from `src`, the county rows from the leaf rows.
CREATE FUNCTION stat_service_rebuild_statements(src text, schema text DEFAULT 'public') RETURNS text[]
LANGUAGE sql IMMUTABLE AS $f$
  SELECT ARRAY[
    format('INSERT INTO %2$s.stat_service AS t (area_code, confirmed_records, confirmed_minutes)
      SELECT * FROM (SELECT v.area_code, sum(d.sign * v.confirmed_records) AS confirmed_records, sum(d.sign * v.confirmed_minutes) AS confirmed_minutes FROM (%1$s) d CROSS JOIN LATERAL stat_service_vector(d.r) v GROUP BY v.area_code) x WHERE x.confirmed_records <> 0 OR x.confirmed_minutes <> 0 ORDER BY 1
      ON CONFLICT (area_code) DO UPDATE SET confirmed_records = t.confirmed_records + EXCLUDED.confirmed_records, confirmed_minutes = t.confirmed_minutes + EXCLUDED.confirmed_minutes', src, schema),
    format('INSERT INTO %2$s.stat_service_county (county_code, confirmed_records, confirmed_minutes)
      SELECT left(area_code, 6), sum(confirmed_records), sum(confirmed_minutes)
        FROM %2$s.stat_service GROUP BY 1', src, schema)
  ]
$f$;

-- The statements that add the rows of `src` (sign, r) to the service rollups in `schema`, in key order.
CREATE FUNCTION stat_service_statements(src text, schema text DEFAULT 'public') RETURNS text[]
LANGUAGE sql IMMUTABLE AS $f$
  SELECT ARRAY[
    format('INSERT INTO %2$s.stat_service AS t (area_code, confirmed_records, confirmed_minutes)
      SELECT * FROM (SELECT v.area_code, sum(d.sign * v.confirmed_records) AS confirmed_records, sum(d.sign * v.confirmed_minutes) AS confirmed_minutes FROM (%1$s) d CROSS JOIN LATERAL stat_service_vector(d.r) v GROUP BY v.area_code) x WHERE x.confirmed_records <> 0 OR x.confirmed_minutes <> 0 ORDER BY 1
      ON CONFLICT (area_code) DO UPDATE SET confirmed_records = t.confirmed_records + EXCLUDED.confirmed_records, confirmed_minutes = t.confirmed_minutes + EXCLUDED.confirmed_minutes', src, schema),
    format('INSERT INTO %2$s.stat_service_county AS t (county_code, confirmed_records, confirmed_minutes)
      SELECT left(x.area_code, 6), sum(x.confirmed_records), sum(x.confirmed_minutes) FROM (SELECT v.area_code, sum(d.sign * v.confirmed_records) AS confirmed_records, sum(d.sign * v.confirmed_minutes) AS confirmed_minutes FROM (%1$s) d CROSS JOIN LATERAL stat_service_vector(d.r) v GROUP BY v.area_code) x GROUP BY 1
      HAVING sum(x.confirmed_records) <> 0 OR sum(x.confirmed_minutes) <> 0 ORDER BY 1
      ON CONFLICT (county_code) DO UPDATE SET confirmed_records = t.confirmed_records + EXCLUDED.confirmed_records, confirmed_minutes = t.confirmed_minutes + EXCLUDED.confirmed_minutes', src, schema)
  ]
$f$;



-- ─── trigger functions ───────────────────────────────────────────────────────

-- The same statements as stat_<source>_statements(), written out over the transition tables: PL/pgSQL
-- plans each once per connection and reuses the plan (EXECUTE would plan it on every statement).

CREATE FUNCTION stat_orgs_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO public.stat_orgs AS t (area_code, status_pending, status_not_established, status_active, status_suspended, status_abnormal, status_dissolved, established, tier_registered, tier_filed, tier_guided, category_charity, category_living_services, category_community_affairs, category_culture_sports, hub_hub, hub_federation, party_standalone, party_joint, party_instructor, charter_party_clause, in_urban_community, in_rural_community, brand_org, model_org, demonstration_site)
          SELECT * FROM (SELECT v.area_code, sum(d.sign * v.status_pending) AS status_pending, sum(d.sign * v.status_not_established) AS status_not_established, sum(d.sign * v.status_active) AS status_active, sum(d.sign * v.status_suspended) AS status_suspended, sum(d.sign * v.status_abnormal) AS status_abnormal, sum(d.sign * v.status_dissolved) AS status_dissolved, sum(d.sign * v.established) AS established, sum(d.sign * v.tier_registered) AS tier_registered, sum(d.sign * v.tier_filed) AS tier_filed, sum(d.sign * v.tier_guided) AS tier_guided, sum(d.sign * v.category_charity) AS category_charity, sum(d.sign * v.category_living_services) AS category_living_services, sum(d.sign * v.category_community_affairs) AS category_community_affairs, sum(d.sign * v.category_culture_sports) AS category_culture_sports, sum(d.sign * v.hub_hub) AS hub_hub, sum(d.sign * v.hub_federation) AS hub_federation, sum(d.sign * v.party_standalone) AS party_standalone, sum(d.sign * v.party_joint) AS party_joint, sum(d.sign * v.party_instructor) AS party_instructor, sum(d.sign * v.charter_party_clause) AS charter_party_clause, sum(d.sign * v.in_urban_community) AS in_urban_community, sum(d.sign * v.in_rural_community) AS in_rural_community, sum(d.sign * v.brand_org) AS brand_org, sum(d.sign * v.model_org) AS model_org, sum(d.sign * v.demonstration_site) AS demonstration_site FROM (SELECT 1 AS sign, ROW(r.*)::organizations AS r FROM new_rows r) d CROSS JOIN LATERAL stat_orgs_vector(d.r) v GROUP BY v.area_code) x WHERE x.status_pending <> 0 OR x.status_not_established <> 0 OR x.status_active <> 0 OR x.status_suspended <> 0 OR x.status_abnormal <> 0 OR x.status_dissolved <> 0 OR x.established <> 0 OR x.tier_registered <> 0 OR x.tier_filed <> 0 OR x.tier_guided <> 0 OR x.category_charity <> 0 OR x.category_living_services <> 0 OR x.category_community_affairs <> 0 OR x.category_culture_sports <> 0 OR x.hub_hub <> 0 OR x.hub_federation <> 0 OR x.party_standalone <> 0 OR x.party_joint <> 0 OR x.party_instructor <> 0 OR x.charter_party_clause <> 0 OR x.in_urban_community <> 0 OR x.in_rural_community <> 0 OR x.brand_org <> 0 OR x.model_org <> 0 OR x.demonstration_site <> 0 ORDER BY 1
          ON CONFLICT (area_code) DO UPDATE SET status_pending = t.status_pending + EXCLUDED.status_pending, status_not_established = t.status_not_established + EXCLUDED.status_not_established, status_active = t.status_active + EXCLUDED.status_active, status_suspended = t.status_suspended + EXCLUDED.status_suspended, status_abnormal = t.status_abnormal + EXCLUDED.status_abnormal, status_dissolved = t.status_dissolved + EXCLUDED.status_dissolved, established = t.established + EXCLUDED.established, tier_registered = t.tier_registered + EXCLUDED.tier_registered, tier_filed = t.tier_filed + EXCLUDED.tier_filed, tier_guided = t.tier_guided + EXCLUDED.tier_guided, category_charity = t.category_charity + EXCLUDED.category_charity, category_living_services = t.category_living_services + EXCLUDED.category_living_services, category_community_affairs = t.category_community_affairs + EXCLUDED.category_community_affairs, category_culture_sports = t.category_culture_sports + EXCLUDED.category_culture_sports, hub_hub = t.hub_hub + EXCLUDED.hub_hub, hub_federation = t.hub_federation + EXCLUDED.hub_federation, party_standalone = t.party_standalone + EXCLUDED.party_standalone, party_joint = t.party_joint + EXCLUDED.party_joint, party_instructor = t.party_instructor + EXCLUDED.party_instructor, charter_party_clause = t.charter_party_clause + EXCLUDED.charter_party_clause, in_urban_community = t.in_urban_community + EXCLUDED.in_urban_community, in_rural_community = t.in_rural_community + EXCLUDED.in_rural_community, brand_org = t.brand_org + EXCLUDED.brand_org, model_org = t.model_org + EXCLUDED.model_org, demonstration_site = t.demonstration_site + EXCLUDED.demonstration_site;
    INSERT INTO public.stat_orgs_county AS t (county_code, status_pending, status_not_established, status_active, status_suspended, status_abnormal, status_dissolved, established, tier_registered, tier_filed, tier_guided, category_charity, category_living_services, category_community_affairs, category_culture_sports, hub_hub, hub_federation, party_standalone, party_joint, party_instructor, charter_party_clause, in_urban_community, in_rural_community, brand_org, model_org, demonstration_site)
          SELECT left(x.area_code, 6), sum(x.status_pending), sum(x.status_not_established), sum(x.status_active), sum(x.status_suspended), sum(x.status_abnormal), sum(x.status_dissolved), sum(x.established), sum(x.tier_registered), sum(x.tier_filed), sum(x.tier_guided), sum(x.category_charity), sum(x.category_living_services), sum(x.category_community_affairs), sum(x.category_culture_sports), sum(x.hub_hub), sum(x.hub_federation), sum(x.party_standalone), sum(x.party_joint), sum(x.party_instructor), sum(x.charter_party_clause), sum(x.in_urban_community), sum(x.in_rural_community), sum(x.brand_org), sum(x.model_org), sum(x.demonstration_site) FROM (SELECT v.area_code, sum(d.sign * v.status_pending) AS status_pending, sum(d.sign * v.status_not_established) AS status_not_established, sum(d.sign * v.status_active) AS status_active, sum(d.sign * v.status_suspended) AS status_suspended, sum(d.sign * v.status_abnormal) AS status_abnormal, sum(d.sign * v.status_dissolved) AS status_dissolved, sum(d.sign * v.established) AS established, sum(d.sign * v.tier_registered) AS tier_registered, sum(d.sign * v.tier_filed) AS tier_filed, sum(d.sign * v.tier_guided) AS tier_guided, sum(d.sign * v.category_charity) AS category_charity, sum(d.sign * v.category_living_services) AS category_living_services, sum(d.sign * v.category_community_affairs) AS category_community_affairs, sum(d.sign * v.category_culture_sports) AS category_culture_sports, sum(d.sign * v.hub_hub) AS hub_hub, sum(d.sign * v.hub_federation) AS hub_federation, sum(d.sign * v.party_standalone) AS party_standalone, sum(d.sign * v.party_joint) AS party_joint, sum(d.sign * v.party_instructor) AS party_instructor, sum(d.sign * v.charter_party_clause) AS charter_party_clause, sum(d.sign * v.in_urban_community) AS in_urban_community, sum(d.sign * v.in_rural_community) AS in_rural_community, sum(d.sign * v.brand_org) AS brand_org, sum(d.sign * v.model_org) AS model_org, sum(d.sign * v.demonstration_site) AS demonstration_site FROM (SELECT 1 AS sign, ROW(r.*)::organizations AS r FROM new_rows r) d CROSS JOIN LATERAL stat_orgs_vector(d.r) v GROUP BY v.area_code) x GROUP BY 1
          HAVING sum(x.status_pending) <> 0 OR sum(x.status_not_established) <> 0 OR sum(x.status_active) <> 0 OR sum(x.status_suspended) <> 0 OR sum(x.status_abnormal) <> 0 OR sum(x.status_dissolved) <> 0 OR sum(x.established) <> 0 OR sum(x.tier_registered) <> 0 OR sum(x.tier_filed) <> 0 OR sum(x.tier_guided) <> 0 OR sum(x.category_charity) <> 0 OR sum(x.category_living_services) <> 0 OR sum(x.category_community_affairs) <> 0 OR sum(x.category_culture_sports) <> 0 OR sum(x.hub_hub) <> 0 OR sum(x.hub_federation) <> 0 OR sum(x.party_standalone) <> 0 OR sum(x.party_joint) <> 0 OR sum(x.party_instructor) <> 0 OR sum(x.charter_party_clause) <> 0 OR sum(x.in_urban_community) <> 0 OR sum(x.in_rural_community) <> 0 OR sum(x.brand_org) <> 0 OR sum(x.model_org) <> 0 OR sum(x.demonstration_site) <> 0 ORDER BY 1
          ON CONFLICT (county_code) DO UPDATE SET status_pending = t.status_pending + EXCLUDED.status_pending, status_not_established = t.status_not_established + EXCLUDED.status_not_established, status_active = t.status_active + EXCLUDED.status_active, status_suspended = t.status_suspended + EXCLUDED.status_suspended, status_abnormal = t.status_abnormal + EXCLUDED.status_abnormal, status_dissolved = t.status_dissolved + EXCLUDED.status_dissolved, established = t.established + EXCLUDED.established, tier_registered = t.tier_registered + EXCLUDED.tier_registered, tier_filed = t.tier_filed + EXCLUDED.tier_filed, tier_guided = t.tier_guided + EXCLUDED.tier_guided, category_charity = t.category_charity + EXCLUDED.category_charity, category_living_services = t.category_living_services + EXCLUDED.category_living_services, category_community_affairs = t.category_community_affairs + EXCLUDED.category_community_affairs, category_culture_sports = t.category_culture_sports + EXCLUDED.category_culture_sports, hub_hub = t.hub_hub + EXCLUDED.hub_hub, hub_federation = t.hub_federation + EXCLUDED.hub_federation, party_standalone = t.party_standalone + EXCLUDED.party_standalone, party_joint = t.party_joint + EXCLUDED.party_joint, party_instructor = t.party_instructor + EXCLUDED.party_instructor, charter_party_clause = t.charter_party_clause + EXCLUDED.charter_party_clause, in_urban_community = t.in_urban_community + EXCLUDED.in_urban_community, in_rural_community = t.in_rural_community + EXCLUDED.in_rural_community, brand_org = t.brand_org + EXCLUDED.brand_org, model_org = t.model_org + EXCLUDED.model_org, demonstration_site = t.demonstration_site + EXCLUDED.demonstration_site;
    UPDATE public.stat_orgs_county c SET townships_with_hub = (
            SELECT count(DISTINCT left(s.area_code, 9)) FROM public.stat_orgs s
             WHERE s.area_code BETWEEN c.county_code || '000000' AND c.county_code || '999999'
               AND s.hub_hub + s.hub_federation > 0)
          WHERE c.county_code IN (SELECT left(x.township, 6) FROM (SELECT left(v.area_code, 9) AS township
            FROM (SELECT 1 AS sign, ROW(r.*)::organizations AS r FROM new_rows r) d CROSS JOIN LATERAL stat_orgs_vector(d.r) v GROUP BY 1
            HAVING sum(d.sign * (v.hub_hub + v.hub_federation)) <> 0) x);
    INSERT INTO public.stat_org_years AS t (area_code, year, n)
          SELECT * FROM (SELECT v.area_code, v.year, sum(d.sign * v.n) AS n FROM (SELECT 1 AS sign, ROW(r.*)::organizations AS r FROM new_rows r) d CROSS JOIN LATERAL stat_org_years_vector(d.r) v GROUP BY 1, 2) x WHERE x.n <> 0 ORDER BY 1, 2
          ON CONFLICT (area_code, year) DO UPDATE SET n = t.n + EXCLUDED.n;
    INSERT INTO public.stat_org_years_county AS t (county_code, year, n)
          SELECT left(x.area_code, 6), x.year, sum(x.n) FROM (SELECT v.area_code, v.year, sum(d.sign * v.n) AS n FROM (SELECT 1 AS sign, ROW(r.*)::organizations AS r FROM new_rows r) d CROSS JOIN LATERAL stat_org_years_vector(d.r) v GROUP BY 1, 2) x GROUP BY 1, 2 HAVING sum(x.n) <> 0 ORDER BY 1, 2
          ON CONFLICT (county_code, year) DO UPDATE SET n = t.n + EXCLUDED.n;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO public.stat_orgs AS t (area_code, status_pending, status_not_established, status_active, status_suspended, status_abnormal, status_dissolved, established, tier_registered, tier_filed, tier_guided, category_charity, category_living_services, category_community_affairs, category_culture_sports, hub_hub, hub_federation, party_standalone, party_joint, party_instructor, charter_party_clause, in_urban_community, in_rural_community, brand_org, model_org, demonstration_site)
          SELECT * FROM (SELECT v.area_code, sum(d.sign * v.status_pending) AS status_pending, sum(d.sign * v.status_not_established) AS status_not_established, sum(d.sign * v.status_active) AS status_active, sum(d.sign * v.status_suspended) AS status_suspended, sum(d.sign * v.status_abnormal) AS status_abnormal, sum(d.sign * v.status_dissolved) AS status_dissolved, sum(d.sign * v.established) AS established, sum(d.sign * v.tier_registered) AS tier_registered, sum(d.sign * v.tier_filed) AS tier_filed, sum(d.sign * v.tier_guided) AS tier_guided, sum(d.sign * v.category_charity) AS category_charity, sum(d.sign * v.category_living_services) AS category_living_services, sum(d.sign * v.category_community_affairs) AS category_community_affairs, sum(d.sign * v.category_culture_sports) AS category_culture_sports, sum(d.sign * v.hub_hub) AS hub_hub, sum(d.sign * v.hub_federation) AS hub_federation, sum(d.sign * v.party_standalone) AS party_standalone, sum(d.sign * v.party_joint) AS party_joint, sum(d.sign * v.party_instructor) AS party_instructor, sum(d.sign * v.charter_party_clause) AS charter_party_clause, sum(d.sign * v.in_urban_community) AS in_urban_community, sum(d.sign * v.in_rural_community) AS in_rural_community, sum(d.sign * v.brand_org) AS brand_org, sum(d.sign * v.model_org) AS model_org, sum(d.sign * v.demonstration_site) AS demonstration_site FROM (SELECT -1 AS sign, ROW(r.*)::organizations AS r FROM old_rows r) d CROSS JOIN LATERAL stat_orgs_vector(d.r) v GROUP BY v.area_code) x WHERE x.status_pending <> 0 OR x.status_not_established <> 0 OR x.status_active <> 0 OR x.status_suspended <> 0 OR x.status_abnormal <> 0 OR x.status_dissolved <> 0 OR x.established <> 0 OR x.tier_registered <> 0 OR x.tier_filed <> 0 OR x.tier_guided <> 0 OR x.category_charity <> 0 OR x.category_living_services <> 0 OR x.category_community_affairs <> 0 OR x.category_culture_sports <> 0 OR x.hub_hub <> 0 OR x.hub_federation <> 0 OR x.party_standalone <> 0 OR x.party_joint <> 0 OR x.party_instructor <> 0 OR x.charter_party_clause <> 0 OR x.in_urban_community <> 0 OR x.in_rural_community <> 0 OR x.brand_org <> 0 OR x.model_org <> 0 OR x.demonstration_site <> 0 ORDER BY 1
          ON CONFLICT (area_code) DO UPDATE SET status_pending = t.status_pending + EXCLUDED.status_pending, status_not_established = t.status_not_established + EXCLUDED.status_not_established, status_active = t.status_active + EXCLUDED.status_active, status_suspended = t.status_suspended + EXCLUDED.status_suspended, status_abnormal = t.status_abnormal + EXCLUDED.status_abnormal, status_dissolved = t.status_dissolved + EXCLUDED.status_dissolved, established = t.established + EXCLUDED.established, tier_registered = t.tier_registered + EXCLUDED.tier_registered, tier_filed = t.tier_filed + EXCLUDED.tier_filed, tier_guided = t.tier_guided + EXCLUDED.tier_guided, category_charity = t.category_charity + EXCLUDED.category_charity, category_living_services = t.category_living_services + EXCLUDED.category_living_services, category_community_affairs = t.category_community_affairs + EXCLUDED.category_community_affairs, category_culture_sports = t.category_culture_sports + EXCLUDED.category_culture_sports, hub_hub = t.hub_hub + EXCLUDED.hub_hub, hub_federation = t.hub_federation + EXCLUDED.hub_federation, party_standalone = t.party_standalone + EXCLUDED.party_standalone, party_joint = t.party_joint + EXCLUDED.party_joint, party_instructor = t.party_instructor + EXCLUDED.party_instructor, charter_party_clause = t.charter_party_clause + EXCLUDED.charter_party_clause, in_urban_community = t.in_urban_community + EXCLUDED.in_urban_community, in_rural_community = t.in_rural_community + EXCLUDED.in_rural_community, brand_org = t.brand_org + EXCLUDED.brand_org, model_org = t.model_org + EXCLUDED.model_org, demonstration_site = t.demonstration_site + EXCLUDED.demonstration_site;
    INSERT INTO public.stat_orgs_county AS t (county_code, status_pending, status_not_established, status_active, status_suspended, status_abnormal, status_dissolved, established, tier_registered, tier_filed, tier_guided, category_charity, category_living_services, category_community_affairs, category_culture_sports, hub_hub, hub_federation, party_standalone, party_joint, party_instructor, charter_party_clause, in_urban_community, in_rural_community, brand_org, model_org, demonstration_site)
          SELECT left(x.area_code, 6), sum(x.status_pending), sum(x.status_not_established), sum(x.status_active), sum(x.status_suspended), sum(x.status_abnormal), sum(x.status_dissolved), sum(x.established), sum(x.tier_registered), sum(x.tier_filed), sum(x.tier_guided), sum(x.category_charity), sum(x.category_living_services), sum(x.category_community_affairs), sum(x.category_culture_sports), sum(x.hub_hub), sum(x.hub_federation), sum(x.party_standalone), sum(x.party_joint), sum(x.party_instructor), sum(x.charter_party_clause), sum(x.in_urban_community), sum(x.in_rural_community), sum(x.brand_org), sum(x.model_org), sum(x.demonstration_site) FROM (SELECT v.area_code, sum(d.sign * v.status_pending) AS status_pending, sum(d.sign * v.status_not_established) AS status_not_established, sum(d.sign * v.status_active) AS status_active, sum(d.sign * v.status_suspended) AS status_suspended, sum(d.sign * v.status_abnormal) AS status_abnormal, sum(d.sign * v.status_dissolved) AS status_dissolved, sum(d.sign * v.established) AS established, sum(d.sign * v.tier_registered) AS tier_registered, sum(d.sign * v.tier_filed) AS tier_filed, sum(d.sign * v.tier_guided) AS tier_guided, sum(d.sign * v.category_charity) AS category_charity, sum(d.sign * v.category_living_services) AS category_living_services, sum(d.sign * v.category_community_affairs) AS category_community_affairs, sum(d.sign * v.category_culture_sports) AS category_culture_sports, sum(d.sign * v.hub_hub) AS hub_hub, sum(d.sign * v.hub_federation) AS hub_federation, sum(d.sign * v.party_standalone) AS party_standalone, sum(d.sign * v.party_joint) AS party_joint, sum(d.sign * v.party_instructor) AS party_instructor, sum(d.sign * v.charter_party_clause) AS charter_party_clause, sum(d.sign * v.in_urban_community) AS in_urban_community, sum(d.sign * v.in_rural_community) AS in_rural_community, sum(d.sign * v.brand_org) AS brand_org, sum(d.sign * v.model_org) AS model_org, sum(d.sign * v.demonstration_site) AS demonstration_site FROM (SELECT -1 AS sign, ROW(r.*)::organizations AS r FROM old_rows r) d CROSS JOIN LATERAL stat_orgs_vector(d.r) v GROUP BY v.area_code) x GROUP BY 1
          HAVING sum(x.status_pending) <> 0 OR sum(x.status_not_established) <> 0 OR sum(x.status_active) <> 0 OR sum(x.status_suspended) <> 0 OR sum(x.status_abnormal) <> 0 OR sum(x.status_dissolved) <> 0 OR sum(x.established) <> 0 OR sum(x.tier_registered) <> 0 OR sum(x.tier_filed) <> 0 OR sum(x.tier_guided) <> 0 OR sum(x.category_charity) <> 0 OR sum(x.category_living_services) <> 0 OR sum(x.category_community_affairs) <> 0 OR sum(x.category_culture_sports) <> 0 OR sum(x.hub_hub) <> 0 OR sum(x.hub_federation) <> 0 OR sum(x.party_standalone) <> 0 OR sum(x.party_joint) <> 0 OR sum(x.party_instructor) <> 0 OR sum(x.charter_party_clause) <> 0 OR sum(x.in_urban_community) <> 0 OR sum(x.in_rural_community) <> 0 OR sum(x.brand_org) <> 0 OR sum(x.model_org) <> 0 OR sum(x.demonstration_site) <> 0 ORDER BY 1
          ON CONFLICT (county_code) DO UPDATE SET status_pending = t.status_pending + EXCLUDED.status_pending, status_not_established = t.status_not_established + EXCLUDED.status_not_established, status_active = t.status_active + EXCLUDED.status_active, status_suspended = t.status_suspended + EXCLUDED.status_suspended, status_abnormal = t.status_abnormal + EXCLUDED.status_abnormal, status_dissolved = t.status_dissolved + EXCLUDED.status_dissolved, established = t.established + EXCLUDED.established, tier_registered = t.tier_registered + EXCLUDED.tier_registered, tier_filed = t.tier_filed + EXCLUDED.tier_filed, tier_guided = t.tier_guided + EXCLUDED.tier_guided, category_charity = t.category_charity + EXCLUDED.category_charity, category_living_services = t.category_living_services + EXCLUDED.category_living_services, category_community_affairs = t.category_community_affairs + EXCLUDED.category_community_affairs, category_culture_sports = t.category_culture_sports + EXCLUDED.category_culture_sports, hub_hub = t.hub_hub + EXCLUDED.hub_hub, hub_federation = t.hub_federation + EXCLUDED.hub_federation, party_standalone = t.party_standalone + EXCLUDED.party_standalone, party_joint = t.party_joint + EXCLUDED.party_joint, party_instructor = t.party_instructor + EXCLUDED.party_instructor, charter_party_clause = t.charter_party_clause + EXCLUDED.charter_party_clause, in_urban_community = t.in_urban_community + EXCLUDED.in_urban_community, in_rural_community = t.in_rural_community + EXCLUDED.in_rural_community, brand_org = t.brand_org + EXCLUDED.brand_org, model_org = t.model_org + EXCLUDED.model_org, demonstration_site = t.demonstration_site + EXCLUDED.demonstration_site;
    UPDATE public.stat_orgs_county c SET townships_with_hub = (
            SELECT count(DISTINCT left(s.area_code, 9)) FROM public.stat_orgs s
             WHERE s.area_code BETWEEN c.county_code || '000000' AND c.county_code || '999999'
               AND s.hub_hub + s.hub_federation > 0)
          WHERE c.county_code IN (SELECT left(x.township, 6) FROM (SELECT left(v.area_code, 9) AS township
            FROM (SELECT -1 AS sign, ROW(r.*)::organizations AS r FROM old_rows r) d CROSS JOIN LATERAL stat_orgs_vector(d.r) v GROUP BY 1
            HAVING sum(d.sign * (v.hub_hub + v.hub_federation)) <> 0) x);
    INSERT INTO public.stat_org_years AS t (area_code, year, n)
          SELECT * FROM (SELECT v.area_code, v.year, sum(d.sign * v.n) AS n FROM (SELECT -1 AS sign, ROW(r.*)::organizations AS r FROM old_rows r) d CROSS JOIN LATERAL stat_org_years_vector(d.r) v GROUP BY 1, 2) x WHERE x.n <> 0 ORDER BY 1, 2
          ON CONFLICT (area_code, year) DO UPDATE SET n = t.n + EXCLUDED.n;
    INSERT INTO public.stat_org_years_county AS t (county_code, year, n)
          SELECT left(x.area_code, 6), x.year, sum(x.n) FROM (SELECT v.area_code, v.year, sum(d.sign * v.n) AS n FROM (SELECT -1 AS sign, ROW(r.*)::organizations AS r FROM old_rows r) d CROSS JOIN LATERAL stat_org_years_vector(d.r) v GROUP BY 1, 2) x GROUP BY 1, 2 HAVING sum(x.n) <> 0 ORDER BY 1, 2
          ON CONFLICT (county_code, year) DO UPDATE SET n = t.n + EXCLUDED.n;
  ELSE
    INSERT INTO public.stat_orgs AS t (area_code, status_pending, status_not_established, status_active, status_suspended, status_abnormal, status_dissolved, established, tier_registered, tier_filed, tier_guided, category_charity, category_living_services, category_community_affairs, category_culture_sports, hub_hub, hub_federation, party_standalone, party_joint, party_instructor, charter_party_clause, in_urban_community, in_rural_community, brand_org, model_org, demonstration_site)
          SELECT * FROM (SELECT v.area_code, sum(d.sign * v.status_pending) AS status_pending, sum(d.sign * v.status_not_established) AS status_not_established, sum(d.sign * v.status_active) AS status_active, sum(d.sign * v.status_suspended) AS status_suspended, sum(d.sign * v.status_abnormal) AS status_abnormal, sum(d.sign * v.status_dissolved) AS status_dissolved, sum(d.sign * v.established) AS established, sum(d.sign * v.tier_registered) AS tier_registered, sum(d.sign * v.tier_filed) AS tier_filed, sum(d.sign * v.tier_guided) AS tier_guided, sum(d.sign * v.category_charity) AS category_charity, sum(d.sign * v.category_living_services) AS category_living_services, sum(d.sign * v.category_community_affairs) AS category_community_affairs, sum(d.sign * v.category_culture_sports) AS category_culture_sports, sum(d.sign * v.hub_hub) AS hub_hub, sum(d.sign * v.hub_federation) AS hub_federation, sum(d.sign * v.party_standalone) AS party_standalone, sum(d.sign * v.party_joint) AS party_joint, sum(d.sign * v.party_instructor) AS party_instructor, sum(d.sign * v.charter_party_clause) AS charter_party_clause, sum(d.sign * v.in_urban_community) AS in_urban_community, sum(d.sign * v.in_rural_community) AS in_rural_community, sum(d.sign * v.brand_org) AS brand_org, sum(d.sign * v.model_org) AS model_org, sum(d.sign * v.demonstration_site) AS demonstration_site FROM (SELECT -1 AS sign, ROW(r.*)::organizations AS r FROM old_rows r UNION ALL SELECT 1, ROW(r.*)::organizations FROM new_rows r) d CROSS JOIN LATERAL stat_orgs_vector(d.r) v GROUP BY v.area_code) x WHERE x.status_pending <> 0 OR x.status_not_established <> 0 OR x.status_active <> 0 OR x.status_suspended <> 0 OR x.status_abnormal <> 0 OR x.status_dissolved <> 0 OR x.established <> 0 OR x.tier_registered <> 0 OR x.tier_filed <> 0 OR x.tier_guided <> 0 OR x.category_charity <> 0 OR x.category_living_services <> 0 OR x.category_community_affairs <> 0 OR x.category_culture_sports <> 0 OR x.hub_hub <> 0 OR x.hub_federation <> 0 OR x.party_standalone <> 0 OR x.party_joint <> 0 OR x.party_instructor <> 0 OR x.charter_party_clause <> 0 OR x.in_urban_community <> 0 OR x.in_rural_community <> 0 OR x.brand_org <> 0 OR x.model_org <> 0 OR x.demonstration_site <> 0 ORDER BY 1
          ON CONFLICT (area_code) DO UPDATE SET status_pending = t.status_pending + EXCLUDED.status_pending, status_not_established = t.status_not_established + EXCLUDED.status_not_established, status_active = t.status_active + EXCLUDED.status_active, status_suspended = t.status_suspended + EXCLUDED.status_suspended, status_abnormal = t.status_abnormal + EXCLUDED.status_abnormal, status_dissolved = t.status_dissolved + EXCLUDED.status_dissolved, established = t.established + EXCLUDED.established, tier_registered = t.tier_registered + EXCLUDED.tier_registered, tier_filed = t.tier_filed + EXCLUDED.tier_filed, tier_guided = t.tier_guided + EXCLUDED.tier_guided, category_charity = t.category_charity + EXCLUDED.category_charity, category_living_services = t.category_living_services + EXCLUDED.category_living_services, category_community_affairs = t.category_community_affairs + EXCLUDED.category_community_affairs, category_culture_sports = t.category_culture_sports + EXCLUDED.category_culture_sports, hub_hub = t.hub_hub + EXCLUDED.hub_hub, hub_federation = t.hub_federation + EXCLUDED.hub_federation, party_standalone = t.party_standalone + EXCLUDED.party_standalone, party_joint = t.party_joint + EXCLUDED.party_joint, party_instructor = t.party_instructor + EXCLUDED.party_instructor, charter_party_clause = t.charter_party_clause + EXCLUDED.charter_party_clause, in_urban_community = t.in_urban_community + EXCLUDED.in_urban_community, in_rural_community = t.in_rural_community + EXCLUDED.in_rural_community, brand_org = t.brand_org + EXCLUDED.brand_org, model_org = t.model_org + EXCLUDED.model_org, demonstration_site = t.demonstration_site + EXCLUDED.demonstration_site;
    INSERT INTO public.stat_orgs_county AS t (county_code, status_pending, status_not_established, status_active, status_suspended, status_abnormal, status_dissolved, established, tier_registered, tier_filed, tier_guided, category_charity, category_living_services, category_community_affairs, category_culture_sports, hub_hub, hub_federation, party_standalone, party_joint, party_instructor, charter_party_clause, in_urban_community, in_rural_community, brand_org, model_org, demonstration_site)
          SELECT left(x.area_code, 6), sum(x.status_pending), sum(x.status_not_established), sum(x.status_active), sum(x.status_suspended), sum(x.status_abnormal), sum(x.status_dissolved), sum(x.established), sum(x.tier_registered), sum(x.tier_filed), sum(x.tier_guided), sum(x.category_charity), sum(x.category_living_services), sum(x.category_community_affairs), sum(x.category_culture_sports), sum(x.hub_hub), sum(x.hub_federation), sum(x.party_standalone), sum(x.party_joint), sum(x.party_instructor), sum(x.charter_party_clause), sum(x.in_urban_community), sum(x.in_rural_community), sum(x.brand_org), sum(x.model_org), sum(x.demonstration_site) FROM (SELECT v.area_code, sum(d.sign * v.status_pending) AS status_pending, sum(d.sign * v.status_not_established) AS status_not_established, sum(d.sign * v.status_active) AS status_active, sum(d.sign * v.status_suspended) AS status_suspended, sum(d.sign * v.status_abnormal) AS status_abnormal, sum(d.sign * v.status_dissolved) AS status_dissolved, sum(d.sign * v.established) AS established, sum(d.sign * v.tier_registered) AS tier_registered, sum(d.sign * v.tier_filed) AS tier_filed, sum(d.sign * v.tier_guided) AS tier_guided, sum(d.sign * v.category_charity) AS category_charity, sum(d.sign * v.category_living_services) AS category_living_services, sum(d.sign * v.category_community_affairs) AS category_community_affairs, sum(d.sign * v.category_culture_sports) AS category_culture_sports, sum(d.sign * v.hub_hub) AS hub_hub, sum(d.sign * v.hub_federation) AS hub_federation, sum(d.sign * v.party_standalone) AS party_standalone, sum(d.sign * v.party_joint) AS party_joint, sum(d.sign * v.party_instructor) AS party_instructor, sum(d.sign * v.charter_party_clause) AS charter_party_clause, sum(d.sign * v.in_urban_community) AS in_urban_community, sum(d.sign * v.in_rural_community) AS in_rural_community, sum(d.sign * v.brand_org) AS brand_org, sum(d.sign * v.model_org) AS model_org, sum(d.sign * v.demonstration_site) AS demonstration_site FROM (SELECT -1 AS sign, ROW(r.*)::organizations AS r FROM old_rows r UNION ALL SELECT 1, ROW(r.*)::organizations FROM new_rows r) d CROSS JOIN LATERAL stat_orgs_vector(d.r) v GROUP BY v.area_code) x GROUP BY 1
          HAVING sum(x.status_pending) <> 0 OR sum(x.status_not_established) <> 0 OR sum(x.status_active) <> 0 OR sum(x.status_suspended) <> 0 OR sum(x.status_abnormal) <> 0 OR sum(x.status_dissolved) <> 0 OR sum(x.established) <> 0 OR sum(x.tier_registered) <> 0 OR sum(x.tier_filed) <> 0 OR sum(x.tier_guided) <> 0 OR sum(x.category_charity) <> 0 OR sum(x.category_living_services) <> 0 OR sum(x.category_community_affairs) <> 0 OR sum(x.category_culture_sports) <> 0 OR sum(x.hub_hub) <> 0 OR sum(x.hub_federation) <> 0 OR sum(x.party_standalone) <> 0 OR sum(x.party_joint) <> 0 OR sum(x.party_instructor) <> 0 OR sum(x.charter_party_clause) <> 0 OR sum(x.in_urban_community) <> 0 OR sum(x.in_rural_community) <> 0 OR sum(x.brand_org) <> 0 OR sum(x.model_org) <> 0 OR sum(x.demonstration_site) <> 0 ORDER BY 1
          ON CONFLICT (county_code) DO UPDATE SET status_pending = t.status_pending + EXCLUDED.status_pending, status_not_established = t.status_not_established + EXCLUDED.status_not_established, status_active = t.status_active + EXCLUDED.status_active, status_suspended = t.status_suspended + EXCLUDED.status_suspended, status_abnormal = t.status_abnormal + EXCLUDED.status_abnormal, status_dissolved = t.status_dissolved + EXCLUDED.status_dissolved, established = t.established + EXCLUDED.established, tier_registered = t.tier_registered + EXCLUDED.tier_registered, tier_filed = t.tier_filed + EXCLUDED.tier_filed, tier_guided = t.tier_guided + EXCLUDED.tier_guided, category_charity = t.category_charity + EXCLUDED.category_charity, category_living_services = t.category_living_services + EXCLUDED.category_living_services, category_community_affairs = t.category_community_affairs + EXCLUDED.category_community_affairs, category_culture_sports = t.category_culture_sports + EXCLUDED.category_culture_sports, hub_hub = t.hub_hub + EXCLUDED.hub_hub, hub_federation = t.hub_federation + EXCLUDED.hub_federation, party_standalone = t.party_standalone + EXCLUDED.party_standalone, party_joint = t.party_joint + EXCLUDED.party_joint, party_instructor = t.party_instructor + EXCLUDED.party_instructor, charter_party_clause = t.charter_party_clause + EXCLUDED.charter_party_clause, in_urban_community = t.in_urban_community + EXCLUDED.in_urban_community, in_rural_community = t.in_rural_community + EXCLUDED.in_rural_community, brand_org = t.brand_org + EXCLUDED.brand_org, model_org = t.model_org + EXCLUDED.model_org, demonstration_site = t.demonstration_site + EXCLUDED.demonstration_site;
    UPDATE public.stat_orgs_county c SET townships_with_hub = (
            SELECT count(DISTINCT left(s.area_code, 9)) FROM public.stat_orgs s
             WHERE s.area_code BETWEEN c.county_code || '000000' AND c.county_code || '999999'
               AND s.hub_hub + s.hub_federation > 0)
          WHERE c.county_code IN (SELECT left(x.township, 6) FROM (SELECT left(v.area_code, 9) AS township
            FROM (SELECT -1 AS sign, ROW(r.*)::organizations AS r FROM old_rows r UNION ALL SELECT 1, ROW(r.*)::organizations FROM new_rows r) d CROSS JOIN LATERAL stat_orgs_vector(d.r) v GROUP BY 1
            HAVING sum(d.sign * (v.hub_hub + v.hub_federation)) <> 0) x);
    INSERT INTO public.stat_org_years AS t (area_code, year, n)
          SELECT * FROM (SELECT v.area_code, v.year, sum(d.sign * v.n) AS n FROM (SELECT -1 AS sign, ROW(r.*)::organizations AS r FROM old_rows r UNION ALL SELECT 1, ROW(r.*)::organizations FROM new_rows r) d CROSS JOIN LATERAL stat_org_years_vector(d.r) v GROUP BY 1, 2) x WHERE x.n <> 0 ORDER BY 1, 2
          ON CONFLICT (area_code, year) DO UPDATE SET n = t.n + EXCLUDED.n;
    INSERT INTO public.stat_org_years_county AS t (county_code, year, n)
          SELECT left(x.area_code, 6), x.year, sum(x.n) FROM (SELECT v.area_code, v.year, sum(d.sign * v.n) AS n FROM (SELECT -1 AS sign, ROW(r.*)::organizations AS r FROM old_rows r UNION ALL SELECT 1, ROW(r.*)::organizations FROM new_rows r) d CROSS JOIN LATERAL stat_org_years_vector(d.r) v GROUP BY 1, 2) x GROUP BY 1, 2 HAVING sum(x.n) <> 0 ORDER BY 1, 2
          ON CONFLICT (county_code, year) DO UPDATE SET n = t.n + EXCLUDED.n;
  END IF;
  RETURN NULL;
END;
$$;

CREATE FUNCTION stat_activities_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO public.stat_activities AS t (area_code, status_draft, status_awaiting_approval, status_awaiting_acknowledgement, status_rejected, status_ready, status_published, status_completed, status_cancelled, held, field_theory, field_customs, field_culture_sports, field_services, field_mediation, participants)
          SELECT * FROM (SELECT v.area_code, sum(d.sign * v.status_draft) AS status_draft, sum(d.sign * v.status_awaiting_approval) AS status_awaiting_approval, sum(d.sign * v.status_awaiting_acknowledgement) AS status_awaiting_acknowledgement, sum(d.sign * v.status_rejected) AS status_rejected, sum(d.sign * v.status_ready) AS status_ready, sum(d.sign * v.status_published) AS status_published, sum(d.sign * v.status_completed) AS status_completed, sum(d.sign * v.status_cancelled) AS status_cancelled, sum(d.sign * v.held) AS held, sum(d.sign * v.field_theory) AS field_theory, sum(d.sign * v.field_customs) AS field_customs, sum(d.sign * v.field_culture_sports) AS field_culture_sports, sum(d.sign * v.field_services) AS field_services, sum(d.sign * v.field_mediation) AS field_mediation, sum(d.sign * v.participants) AS participants FROM (SELECT 1 AS sign, ROW(r.*)::activities AS r FROM new_rows r) d CROSS JOIN LATERAL stat_activities_vector(d.r) v GROUP BY v.area_code) x WHERE x.status_draft <> 0 OR x.status_awaiting_approval <> 0 OR x.status_awaiting_acknowledgement <> 0 OR x.status_rejected <> 0 OR x.status_ready <> 0 OR x.status_published <> 0 OR x.status_completed <> 0 OR x.status_cancelled <> 0 OR x.held <> 0 OR x.field_theory <> 0 OR x.field_customs <> 0 OR x.field_culture_sports <> 0 OR x.field_services <> 0 OR x.field_mediation <> 0 OR x.participants <> 0 ORDER BY 1
          ON CONFLICT (area_code) DO UPDATE SET status_draft = t.status_draft + EXCLUDED.status_draft, status_awaiting_approval = t.status_awaiting_approval + EXCLUDED.status_awaiting_approval, status_awaiting_acknowledgement = t.status_awaiting_acknowledgement + EXCLUDED.status_awaiting_acknowledgement, status_rejected = t.status_rejected + EXCLUDED.status_rejected, status_ready = t.status_ready + EXCLUDED.status_ready, status_published = t.status_published + EXCLUDED.status_published, status_completed = t.status_completed + EXCLUDED.status_completed, status_cancelled = t.status_cancelled + EXCLUDED.status_cancelled, held = t.held + EXCLUDED.held, field_theory = t.field_theory + EXCLUDED.field_theory, field_customs = t.field_customs + EXCLUDED.field_customs, field_culture_sports = t.field_culture_sports + EXCLUDED.field_culture_sports, field_services = t.field_services + EXCLUDED.field_services, field_mediation = t.field_mediation + EXCLUDED.field_mediation, participants = t.participants + EXCLUDED.participants;
    INSERT INTO public.stat_activities_county AS t (county_code, status_draft, status_awaiting_approval, status_awaiting_acknowledgement, status_rejected, status_ready, status_published, status_completed, status_cancelled, held, field_theory, field_customs, field_culture_sports, field_services, field_mediation, participants)
          SELECT left(x.area_code, 6), sum(x.status_draft), sum(x.status_awaiting_approval), sum(x.status_awaiting_acknowledgement), sum(x.status_rejected), sum(x.status_ready), sum(x.status_published), sum(x.status_completed), sum(x.status_cancelled), sum(x.held), sum(x.field_theory), sum(x.field_customs), sum(x.field_culture_sports), sum(x.field_services), sum(x.field_mediation), sum(x.participants) FROM (SELECT v.area_code, sum(d.sign * v.status_draft) AS status_draft, sum(d.sign * v.status_awaiting_approval) AS status_awaiting_approval, sum(d.sign * v.status_awaiting_acknowledgement) AS status_awaiting_acknowledgement, sum(d.sign * v.status_rejected) AS status_rejected, sum(d.sign * v.status_ready) AS status_ready, sum(d.sign * v.status_published) AS status_published, sum(d.sign * v.status_completed) AS status_completed, sum(d.sign * v.status_cancelled) AS status_cancelled, sum(d.sign * v.held) AS held, sum(d.sign * v.field_theory) AS field_theory, sum(d.sign * v.field_customs) AS field_customs, sum(d.sign * v.field_culture_sports) AS field_culture_sports, sum(d.sign * v.field_services) AS field_services, sum(d.sign * v.field_mediation) AS field_mediation, sum(d.sign * v.participants) AS participants FROM (SELECT 1 AS sign, ROW(r.*)::activities AS r FROM new_rows r) d CROSS JOIN LATERAL stat_activities_vector(d.r) v GROUP BY v.area_code) x GROUP BY 1
          HAVING sum(x.status_draft) <> 0 OR sum(x.status_awaiting_approval) <> 0 OR sum(x.status_awaiting_acknowledgement) <> 0 OR sum(x.status_rejected) <> 0 OR sum(x.status_ready) <> 0 OR sum(x.status_published) <> 0 OR sum(x.status_completed) <> 0 OR sum(x.status_cancelled) <> 0 OR sum(x.held) <> 0 OR sum(x.field_theory) <> 0 OR sum(x.field_customs) <> 0 OR sum(x.field_culture_sports) <> 0 OR sum(x.field_services) <> 0 OR sum(x.field_mediation) <> 0 OR sum(x.participants) <> 0 ORDER BY 1
          ON CONFLICT (county_code) DO UPDATE SET status_draft = t.status_draft + EXCLUDED.status_draft, status_awaiting_approval = t.status_awaiting_approval + EXCLUDED.status_awaiting_approval, status_awaiting_acknowledgement = t.status_awaiting_acknowledgement + EXCLUDED.status_awaiting_acknowledgement, status_rejected = t.status_rejected + EXCLUDED.status_rejected, status_ready = t.status_ready + EXCLUDED.status_ready, status_published = t.status_published + EXCLUDED.status_published, status_completed = t.status_completed + EXCLUDED.status_completed, status_cancelled = t.status_cancelled + EXCLUDED.status_cancelled, held = t.held + EXCLUDED.held, field_theory = t.field_theory + EXCLUDED.field_theory, field_customs = t.field_customs + EXCLUDED.field_customs, field_culture_sports = t.field_culture_sports + EXCLUDED.field_culture_sports, field_services = t.field_services + EXCLUDED.field_services, field_mediation = t.field_mediation + EXCLUDED.field_mediation, participants = t.participants + EXCLUDED.participants;
    INSERT INTO public.stat_activity_campaigns AS t (area_code, campaign, n)
          SELECT * FROM (SELECT v.area_code, v.campaign, sum(d.sign * v.n) AS n FROM (SELECT 1 AS sign, ROW(r.*)::activities AS r FROM new_rows r) d CROSS JOIN LATERAL stat_activity_campaigns_vector(d.r) v GROUP BY 1, 2) x WHERE x.n <> 0 ORDER BY 1, 2
          ON CONFLICT (area_code, campaign) DO UPDATE SET n = t.n + EXCLUDED.n;
    INSERT INTO public.stat_activity_campaigns_county AS t (county_code, campaign, n)
          SELECT left(x.area_code, 6), x.campaign, sum(x.n) FROM (SELECT v.area_code, v.campaign, sum(d.sign * v.n) AS n FROM (SELECT 1 AS sign, ROW(r.*)::activities AS r FROM new_rows r) d CROSS JOIN LATERAL stat_activity_campaigns_vector(d.r) v GROUP BY 1, 2) x GROUP BY 1, 2 HAVING sum(x.n) <> 0 ORDER BY 1, 2
          ON CONFLICT (county_code, campaign) DO UPDATE SET n = t.n + EXCLUDED.n;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO public.stat_activities AS t (area_code, status_draft, status_awaiting_approval, status_awaiting_acknowledgement, status_rejected, status_ready, status_published, status_completed, status_cancelled, held, field_theory, field_customs, field_culture_sports, field_services, field_mediation, participants)
          SELECT * FROM (SELECT v.area_code, sum(d.sign * v.status_draft) AS status_draft, sum(d.sign * v.status_awaiting_approval) AS status_awaiting_approval, sum(d.sign * v.status_awaiting_acknowledgement) AS status_awaiting_acknowledgement, sum(d.sign * v.status_rejected) AS status_rejected, sum(d.sign * v.status_ready) AS status_ready, sum(d.sign * v.status_published) AS status_published, sum(d.sign * v.status_completed) AS status_completed, sum(d.sign * v.status_cancelled) AS status_cancelled, sum(d.sign * v.held) AS held, sum(d.sign * v.field_theory) AS field_theory, sum(d.sign * v.field_customs) AS field_customs, sum(d.sign * v.field_culture_sports) AS field_culture_sports, sum(d.sign * v.field_services) AS field_services, sum(d.sign * v.field_mediation) AS field_mediation, sum(d.sign * v.participants) AS participants FROM (SELECT -1 AS sign, ROW(r.*)::activities AS r FROM old_rows r) d CROSS JOIN LATERAL stat_activities_vector(d.r) v GROUP BY v.area_code) x WHERE x.status_draft <> 0 OR x.status_awaiting_approval <> 0 OR x.status_awaiting_acknowledgement <> 0 OR x.status_rejected <> 0 OR x.status_ready <> 0 OR x.status_published <> 0 OR x.status_completed <> 0 OR x.status_cancelled <> 0 OR x.held <> 0 OR x.field_theory <> 0 OR x.field_customs <> 0 OR x.field_culture_sports <> 0 OR x.field_services <> 0 OR x.field_mediation <> 0 OR x.participants <> 0 ORDER BY 1
          ON CONFLICT (area_code) DO UPDATE SET status_draft = t.status_draft + EXCLUDED.status_draft, status_awaiting_approval = t.status_awaiting_approval + EXCLUDED.status_awaiting_approval, status_awaiting_acknowledgement = t.status_awaiting_acknowledgement + EXCLUDED.status_awaiting_acknowledgement, status_rejected = t.status_rejected + EXCLUDED.status_rejected, status_ready = t.status_ready + EXCLUDED.status_ready, status_published = t.status_published + EXCLUDED.status_published, status_completed = t.status_completed + EXCLUDED.status_completed, status_cancelled = t.status_cancelled + EXCLUDED.status_cancelled, held = t.held + EXCLUDED.held, field_theory = t.field_theory + EXCLUDED.field_theory, field_customs = t.field_customs + EXCLUDED.field_customs, field_culture_sports = t.field_culture_sports + EXCLUDED.field_culture_sports, field_services = t.field_services + EXCLUDED.field_services, field_mediation = t.field_mediation + EXCLUDED.field_mediation, participants = t.participants + EXCLUDED.participants;
    INSERT INTO public.stat_activities_county AS t (county_code, status_draft, status_awaiting_approval, status_awaiting_acknowledgement, status_rejected, status_ready, status_published, status_completed, status_cancelled, held, field_theory, field_customs, field_culture_sports, field_services, field_mediation, participants)
          SELECT left(x.area_code, 6), sum(x.status_draft), sum(x.status_awaiting_approval), sum(x.status_awaiting_acknowledgement), sum(x.status_rejected), sum(x.status_ready), sum(x.status_published), sum(x.status_completed), sum(x.status_cancelled), sum(x.held), sum(x.field_theory), sum(x.field_customs), sum(x.field_culture_sports), sum(x.field_services), sum(x.field_mediation), sum(x.participants) FROM (SELECT v.area_code, sum(d.sign * v.status_draft) AS status_draft, sum(d.sign * v.status_awaiting_approval) AS status_awaiting_approval, sum(d.sign * v.status_awaiting_acknowledgement) AS status_awaiting_acknowledgement, sum(d.sign * v.status_rejected) AS status_rejected, sum(d.sign * v.status_ready) AS status_ready, sum(d.sign * v.status_published) AS status_published, sum(d.sign * v.status_completed) AS status_completed, sum(d.sign * v.status_cancelled) AS status_cancelled, sum(d.sign * v.held) AS held, sum(d.sign * v.field_theory) AS field_theory, sum(d.sign * v.field_customs) AS field_customs, sum(d.sign * v.field_culture_sports) AS field_culture_sports, sum(d.sign * v.field_services) AS field_services, sum(d.sign * v.field_mediation) AS field_mediation, sum(d.sign * v.participants) AS participants FROM (SELECT -1 AS sign, ROW(r.*)::activities AS r FROM old_rows r) d CROSS JOIN LATERAL stat_activities_vector(d.r) v GROUP BY v.area_code) x GROUP BY 1
          HAVING sum(x.status_draft) <> 0 OR sum(x.status_awaiting_approval) <> 0 OR sum(x.status_awaiting_acknowledgement) <> 0 OR sum(x.status_rejected) <> 0 OR sum(x.status_ready) <> 0 OR sum(x.status_published) <> 0 OR sum(x.status_completed) <> 0 OR sum(x.status_cancelled) <> 0 OR sum(x.held) <> 0 OR sum(x.field_theory) <> 0 OR sum(x.field_customs) <> 0 OR sum(x.field_culture_sports) <> 0 OR sum(x.field_services) <> 0 OR sum(x.field_mediation) <> 0 OR sum(x.participants) <> 0 ORDER BY 1
          ON CONFLICT (county_code) DO UPDATE SET status_draft = t.status_draft + EXCLUDED.status_draft, status_awaiting_approval = t.status_awaiting_approval + EXCLUDED.status_awaiting_approval, status_awaiting_acknowledgement = t.status_awaiting_acknowledgement + EXCLUDED.status_awaiting_acknowledgement, status_rejected = t.status_rejected + EXCLUDED.status_rejected, status_ready = t.status_ready + EXCLUDED.status_ready, status_published = t.status_published + EXCLUDED.status_published, status_completed = t.status_completed + EXCLUDED.status_completed, status_cancelled = t.status_cancelled + EXCLUDED.status_cancelled, held = t.held + EXCLUDED.held, field_theory = t.field_theory + EXCLUDED.field_theory, field_customs = t.field_customs + EXCLUDED.field_customs, field_culture_sports = t.field_culture_sports + EXCLUDED.field_culture_sports, field_services = t.field_services + EXCLUDED.field_services, field_mediation = t.field_mediation + EXCLUDED.field_mediation, participants = t.participants + EXCLUDED.participants;
    INSERT INTO public.stat_activity_campaigns AS t (area_code, campaign, n)
          SELECT * FROM (SELECT v.area_code, v.campaign, sum(d.sign * v.n) AS n FROM (SELECT -1 AS sign, ROW(r.*)::activities AS r FROM old_rows r) d CROSS JOIN LATERAL stat_activity_campaigns_vector(d.r) v GROUP BY 1, 2) x WHERE x.n <> 0 ORDER BY 1, 2
          ON CONFLICT (area_code, campaign) DO UPDATE SET n = t.n + EXCLUDED.n;
    INSERT INTO public.stat_activity_campaigns_county AS t (county_code, campaign, n)
          SELECT left(x.area_code, 6), x.campaign, sum(x.n) FROM (SELECT v.area_code, v.campaign, sum(d.sign * v.n) AS n FROM (SELECT -1 AS sign, ROW(r.*)::activities AS r FROM old_rows r) d CROSS JOIN LATERAL stat_activity_campaigns_vector(d.r) v GROUP BY 1, 2) x GROUP BY 1, 2 HAVING sum(x.n) <> 0 ORDER BY 1, 2
          ON CONFLICT (county_code, campaign) DO UPDATE SET n = t.n + EXCLUDED.n;
  ELSE
    INSERT INTO public.stat_activities AS t (area_code, status_draft, status_awaiting_approval, status_awaiting_acknowledgement, status_rejected, status_ready, status_published, status_completed, status_cancelled, held, field_theory, field_customs, field_culture_sports, field_services, field_mediation, participants)
          SELECT * FROM (SELECT v.area_code, sum(d.sign * v.status_draft) AS status_draft, sum(d.sign * v.status_awaiting_approval) AS status_awaiting_approval, sum(d.sign * v.status_awaiting_acknowledgement) AS status_awaiting_acknowledgement, sum(d.sign * v.status_rejected) AS status_rejected, sum(d.sign * v.status_ready) AS status_ready, sum(d.sign * v.status_published) AS status_published, sum(d.sign * v.status_completed) AS status_completed, sum(d.sign * v.status_cancelled) AS status_cancelled, sum(d.sign * v.held) AS held, sum(d.sign * v.field_theory) AS field_theory, sum(d.sign * v.field_customs) AS field_customs, sum(d.sign * v.field_culture_sports) AS field_culture_sports, sum(d.sign * v.field_services) AS field_services, sum(d.sign * v.field_mediation) AS field_mediation, sum(d.sign * v.participants) AS participants FROM (SELECT -1 AS sign, ROW(r.*)::activities AS r FROM old_rows r UNION ALL SELECT 1, ROW(r.*)::activities FROM new_rows r) d CROSS JOIN LATERAL stat_activities_vector(d.r) v GROUP BY v.area_code) x WHERE x.status_draft <> 0 OR x.status_awaiting_approval <> 0 OR x.status_awaiting_acknowledgement <> 0 OR x.status_rejected <> 0 OR x.status_ready <> 0 OR x.status_published <> 0 OR x.status_completed <> 0 OR x.status_cancelled <> 0 OR x.held <> 0 OR x.field_theory <> 0 OR x.field_customs <> 0 OR x.field_culture_sports <> 0 OR x.field_services <> 0 OR x.field_mediation <> 0 OR x.participants <> 0 ORDER BY 1
          ON CONFLICT (area_code) DO UPDATE SET status_draft = t.status_draft + EXCLUDED.status_draft, status_awaiting_approval = t.status_awaiting_approval + EXCLUDED.status_awaiting_approval, status_awaiting_acknowledgement = t.status_awaiting_acknowledgement + EXCLUDED.status_awaiting_acknowledgement, status_rejected = t.status_rejected + EXCLUDED.status_rejected, status_ready = t.status_ready + EXCLUDED.status_ready, status_published = t.status_published + EXCLUDED.status_published, status_completed = t.status_completed + EXCLUDED.status_completed, status_cancelled = t.status_cancelled + EXCLUDED.status_cancelled, held = t.held + EXCLUDED.held, field_theory = t.field_theory + EXCLUDED.field_theory, field_customs = t.field_customs + EXCLUDED.field_customs, field_culture_sports = t.field_culture_sports + EXCLUDED.field_culture_sports, field_services = t.field_services + EXCLUDED.field_services, field_mediation = t.field_mediation + EXCLUDED.field_mediation, participants = t.participants + EXCLUDED.participants;
    INSERT INTO public.stat_activities_county AS t (county_code, status_draft, status_awaiting_approval, status_awaiting_acknowledgement, status_rejected, status_ready, status_published, status_completed, status_cancelled, held, field_theory, field_customs, field_culture_sports, field_services, field_mediation, participants)
          SELECT left(x.area_code, 6), sum(x.status_draft), sum(x.status_awaiting_approval), sum(x.status_awaiting_acknowledgement), sum(x.status_rejected), sum(x.status_ready), sum(x.status_published), sum(x.status_completed), sum(x.status_cancelled), sum(x.held), sum(x.field_theory), sum(x.field_customs), sum(x.field_culture_sports), sum(x.field_services), sum(x.field_mediation), sum(x.participants) FROM (SELECT v.area_code, sum(d.sign * v.status_draft) AS status_draft, sum(d.sign * v.status_awaiting_approval) AS status_awaiting_approval, sum(d.sign * v.status_awaiting_acknowledgement) AS status_awaiting_acknowledgement, sum(d.sign * v.status_rejected) AS status_rejected, sum(d.sign * v.status_ready) AS status_ready, sum(d.sign * v.status_published) AS status_published, sum(d.sign * v.status_completed) AS status_completed, sum(d.sign * v.status_cancelled) AS status_cancelled, sum(d.sign * v.held) AS held, sum(d.sign * v.field_theory) AS field_theory, sum(d.sign * v.field_customs) AS field_customs, sum(d.sign * v.field_culture_sports) AS field_culture_sports, sum(d.sign * v.field_services) AS field_services, sum(d.sign * v.field_mediation) AS field_mediation, sum(d.sign * v.participants) AS participants FROM (SELECT -1 AS sign, ROW(r.*)::activities AS r FROM old_rows r UNION ALL SELECT 1, ROW(r.*)::activities FROM new_rows r) d CROSS JOIN LATERAL stat_activities_vector(d.r) v GROUP BY v.area_code) x GROUP BY 1
          HAVING sum(x.status_draft) <> 0 OR sum(x.status_awaiting_approval) <> 0 OR sum(x.status_awaiting_acknowledgement) <> 0 OR sum(x.status_rejected) <> 0 OR sum(x.status_ready) <> 0 OR sum(x.status_published) <> 0 OR sum(x.status_completed) <> 0 OR sum(x.status_cancelled) <> 0 OR sum(x.held) <> 0 OR sum(x.field_theory) <> 0 OR sum(x.field_customs) <> 0 OR sum(x.field_culture_sports) <> 0 OR sum(x.field_services) <> 0 OR sum(x.field_mediation) <> 0 OR sum(x.participants) <> 0 ORDER BY 1
          ON CONFLICT (county_code) DO UPDATE SET status_draft = t.status_draft + EXCLUDED.status_draft, status_awaiting_approval = t.status_awaiting_approval + EXCLUDED.status_awaiting_approval, status_awaiting_acknowledgement = t.status_awaiting_acknowledgement + EXCLUDED.status_awaiting_acknowledgement, status_rejected = t.status_rejected + EXCLUDED.status_rejected, status_ready = t.status_ready + EXCLUDED.status_ready, status_published = t.status_published + EXCLUDED.status_published, status_completed = t.status_completed + EXCLUDED.status_completed, status_cancelled = t.status_cancelled + EXCLUDED.status_cancelled, held = t.held + EXCLUDED.held, field_theory = t.field_theory + EXCLUDED.field_theory, field_customs = t.field_customs + EXCLUDED.field_customs, field_culture_sports = t.field_culture_sports + EXCLUDED.field_culture_sports, field_services = t.field_services + EXCLUDED.field_services, field_mediation = t.field_mediation + EXCLUDED.field_mediation, participants = t.participants + EXCLUDED.participants;
    INSERT INTO public.stat_activity_campaigns AS t (area_code, campaign, n)
          SELECT * FROM (SELECT v.area_code, v.campaign, sum(d.sign * v.n) AS n FROM (SELECT -1 AS sign, ROW(r.*)::activities AS r FROM old_rows r UNION ALL SELECT 1, ROW(r.*)::activities FROM new_rows r) d CROSS JOIN LATERAL stat_activity_campaigns_vector(d.r) v GROUP BY 1, 2) x WHERE x.n <> 0 ORDER BY 1, 2
          ON CONFLICT (area_code, campaign) DO UPDATE SET n = t.n + EXCLUDED.n;
    INSERT INTO public.stat_activity_campaigns_county AS t (county_code, campaign, n)
          SELECT left(x.area_code, 6), x.campaign, sum(x.n) FROM (SELECT v.area_code, v.campaign, sum(d.sign * v.n) AS n FROM (SELECT -1 AS sign, ROW(r.*)::activities AS r FROM old_rows r UNION ALL SELECT 1, ROW(r.*)::activities FROM new_rows r) d CROSS JOIN LATERAL stat_activity_campaigns_vector(d.r) v GROUP BY 1, 2) x GROUP BY 1, 2 HAVING sum(x.n) <> 0 ORDER BY 1, 2
          ON CONFLICT (county_code, campaign) DO UPDATE SET n = t.n + EXCLUDED.n;
  END IF;
  RETURN NULL;
END;
$$;

CREATE FUNCTION stat_volunteers_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    -- most updates (a confirmation adds minutes) change neither home area nor star level
    -- (a separate IF: old_rows exists only for UPDATE, and an expression is planned as a whole)
    IF NOT EXISTS (
      SELECT 1 FROM old_rows o JOIN new_rows n ON n.id = o.id
       WHERE n.area_code <> o.area_code OR n.star_level <> o.star_level
    ) THEN
      RETURN NULL;
    END IF;
  END IF;
  IF TG_OP = 'INSERT' THEN
    INSERT INTO public.stat_volunteers AS t (area_code, volunteers, star_1, star_2, star_3, star_4, star_5)
          SELECT * FROM (SELECT v.area_code, sum(d.sign * v.volunteers) AS volunteers, sum(d.sign * v.star_1) AS star_1, sum(d.sign * v.star_2) AS star_2, sum(d.sign * v.star_3) AS star_3, sum(d.sign * v.star_4) AS star_4, sum(d.sign * v.star_5) AS star_5 FROM (SELECT 1 AS sign, ROW(r.*)::volunteers AS r FROM new_rows r) d CROSS JOIN LATERAL stat_volunteers_vector(d.r) v GROUP BY v.area_code) x WHERE x.volunteers <> 0 OR x.star_1 <> 0 OR x.star_2 <> 0 OR x.star_3 <> 0 OR x.star_4 <> 0 OR x.star_5 <> 0 ORDER BY 1
          ON CONFLICT (area_code) DO UPDATE SET volunteers = t.volunteers + EXCLUDED.volunteers, star_1 = t.star_1 + EXCLUDED.star_1, star_2 = t.star_2 + EXCLUDED.star_2, star_3 = t.star_3 + EXCLUDED.star_3, star_4 = t.star_4 + EXCLUDED.star_4, star_5 = t.star_5 + EXCLUDED.star_5;
    INSERT INTO public.stat_volunteers_county AS t (county_code, volunteers, star_1, star_2, star_3, star_4, star_5)
          SELECT left(x.area_code, 6), sum(x.volunteers), sum(x.star_1), sum(x.star_2), sum(x.star_3), sum(x.star_4), sum(x.star_5) FROM (SELECT v.area_code, sum(d.sign * v.volunteers) AS volunteers, sum(d.sign * v.star_1) AS star_1, sum(d.sign * v.star_2) AS star_2, sum(d.sign * v.star_3) AS star_3, sum(d.sign * v.star_4) AS star_4, sum(d.sign * v.star_5) AS star_5 FROM (SELECT 1 AS sign, ROW(r.*)::volunteers AS r FROM new_rows r) d CROSS JOIN LATERAL stat_volunteers_vector(d.r) v GROUP BY v.area_code) x GROUP BY 1
          HAVING sum(x.volunteers) <> 0 OR sum(x.star_1) <> 0 OR sum(x.star_2) <> 0 OR sum(x.star_3) <> 0 OR sum(x.star_4) <> 0 OR sum(x.star_5) <> 0 ORDER BY 1
          ON CONFLICT (county_code) DO UPDATE SET volunteers = t.volunteers + EXCLUDED.volunteers, star_1 = t.star_1 + EXCLUDED.star_1, star_2 = t.star_2 + EXCLUDED.star_2, star_3 = t.star_3 + EXCLUDED.star_3, star_4 = t.star_4 + EXCLUDED.star_4, star_5 = t.star_5 + EXCLUDED.star_5;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO public.stat_volunteers AS t (area_code, volunteers, star_1, star_2, star_3, star_4, star_5)
          SELECT * FROM (SELECT v.area_code, sum(d.sign * v.volunteers) AS volunteers, sum(d.sign * v.star_1) AS star_1, sum(d.sign * v.star_2) AS star_2, sum(d.sign * v.star_3) AS star_3, sum(d.sign * v.star_4) AS star_4, sum(d.sign * v.star_5) AS star_5 FROM (SELECT -1 AS sign, ROW(r.*)::volunteers AS r FROM old_rows r) d CROSS JOIN LATERAL stat_volunteers_vector(d.r) v GROUP BY v.area_code) x WHERE x.volunteers <> 0 OR x.star_1 <> 0 OR x.star_2 <> 0 OR x.star_3 <> 0 OR x.star_4 <> 0 OR x.star_5 <> 0 ORDER BY 1
          ON CONFLICT (area_code) DO UPDATE SET volunteers = t.volunteers + EXCLUDED.volunteers, star_1 = t.star_1 + EXCLUDED.star_1, star_2 = t.star_2 + EXCLUDED.star_2, star_3 = t.star_3 + EXCLUDED.star_3, star_4 = t.star_4 + EXCLUDED.star_4, star_5 = t.star_5 + EXCLUDED.star_5;
    INSERT INTO public.stat_volunteers_county AS t (county_code, volunteers, star_1, star_2, star_3, star_4, star_5)
          SELECT left(x.area_code, 6), sum(x.volunteers), sum(x.star_1), sum(x.star_2), sum(x.star_3), sum(x.star_4), sum(x.star_5) FROM (SELECT v.area_code, sum(d.sign * v.volunteers) AS volunteers, sum(d.sign * v.star_1) AS star_1, sum(d.sign * v.star_2) AS star_2, sum(d.sign * v.star_3) AS star_3, sum(d.sign * v.star_4) AS star_4, sum(d.sign * v.star_5) AS star_5 FROM (SELECT -1 AS sign, ROW(r.*)::volunteers AS r FROM old_rows r) d CROSS JOIN LATERAL stat_volunteers_vector(d.r) v GROUP BY v.area_code) x GROUP BY 1
          HAVING sum(x.volunteers) <> 0 OR sum(x.star_1) <> 0 OR sum(x.star_2) <> 0 OR sum(x.star_3) <> 0 OR sum(x.star_4) <> 0 OR sum(x.star_5) <> 0 ORDER BY 1
          ON CONFLICT (county_code) DO UPDATE SET volunteers = t.volunteers + EXCLUDED.volunteers, star_1 = t.star_1 + EXCLUDED.star_1, star_2 = t.star_2 + EXCLUDED.star_2, star_3 = t.star_3 + EXCLUDED.star_3, star_4 = t.star_4 + EXCLUDED.star_4, star_5 = t.star_5 + EXCLUDED.star_5;
  ELSE
    INSERT INTO public.stat_volunteers AS t (area_code, volunteers, star_1, star_2, star_3, star_4, star_5)
          SELECT * FROM (SELECT v.area_code, sum(d.sign * v.volunteers) AS volunteers, sum(d.sign * v.star_1) AS star_1, sum(d.sign * v.star_2) AS star_2, sum(d.sign * v.star_3) AS star_3, sum(d.sign * v.star_4) AS star_4, sum(d.sign * v.star_5) AS star_5 FROM (SELECT -1 AS sign, ROW(r.*)::volunteers AS r FROM old_rows r UNION ALL SELECT 1, ROW(r.*)::volunteers FROM new_rows r) d CROSS JOIN LATERAL stat_volunteers_vector(d.r) v GROUP BY v.area_code) x WHERE x.volunteers <> 0 OR x.star_1 <> 0 OR x.star_2 <> 0 OR x.star_3 <> 0 OR x.star_4 <> 0 OR x.star_5 <> 0 ORDER BY 1
          ON CONFLICT (area_code) DO UPDATE SET volunteers = t.volunteers + EXCLUDED.volunteers, star_1 = t.star_1 + EXCLUDED.star_1, star_2 = t.star_2 + EXCLUDED.star_2, star_3 = t.star_3 + EXCLUDED.star_3, star_4 = t.star_4 + EXCLUDED.star_4, star_5 = t.star_5 + EXCLUDED.star_5;
    INSERT INTO public.stat_volunteers_county AS t (county_code, volunteers, star_1, star_2, star_3, star_4, star_5)
          SELECT left(x.area_code, 6), sum(x.volunteers), sum(x.star_1), sum(x.star_2), sum(x.star_3), sum(x.star_4), sum(x.star_5) FROM (SELECT v.area_code, sum(d.sign * v.volunteers) AS volunteers, sum(d.sign * v.star_1) AS star_1, sum(d.sign * v.star_2) AS star_2, sum(d.sign * v.star_3) AS star_3, sum(d.sign * v.star_4) AS star_4, sum(d.sign * v.star_5) AS star_5 FROM (SELECT -1 AS sign, ROW(r.*)::volunteers AS r FROM old_rows r UNION ALL SELECT 1, ROW(r.*)::volunteers FROM new_rows r) d CROSS JOIN LATERAL stat_volunteers_vector(d.r) v GROUP BY v.area_code) x GROUP BY 1
          HAVING sum(x.volunteers) <> 0 OR sum(x.star_1) <> 0 OR sum(x.star_2) <> 0 OR sum(x.star_3) <> 0 OR sum(x.star_4) <> 0 OR sum(x.star_5) <> 0 ORDER BY 1
          ON CONFLICT (county_code) DO UPDATE SET volunteers = t.volunteers + EXCLUDED.volunteers, star_1 = t.star_1 + EXCLUDED.star_1, star_2 = t.star_2 + EXCLUDED.star_2, star_3 = t.star_3 + EXCLUDED.star_3, star_4 = t.star_4 + EXCLUDED.star_4, star_5 = t.star_5 + EXCLUDED.star_5;
  END IF;
  RETURN NULL;
END;
$$;

CREATE FUNCTION stat_service_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- only confirmed records count: check-in (open) and check-out (open -> pending) leave here
  IF TG_OP = 'INSERT' THEN
    IF NOT EXISTS (SELECT 1 FROM new_rows WHERE status = 'confirmed') THEN
      RETURN NULL;
    END IF;
  ELSIF TG_OP = 'DELETE' THEN
    IF NOT EXISTS (SELECT 1 FROM old_rows WHERE status = 'confirmed') THEN
      RETURN NULL;
    END IF;
  ELSIF NOT EXISTS (SELECT 1 FROM new_rows WHERE status = 'confirmed')
    AND NOT EXISTS (SELECT 1 FROM old_rows WHERE status = 'confirmed') THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'INSERT' THEN
    INSERT INTO public.stat_service AS t (area_code, confirmed_records, confirmed_minutes)
          SELECT * FROM (SELECT v.area_code, sum(d.sign * v.confirmed_records) AS confirmed_records, sum(d.sign * v.confirmed_minutes) AS confirmed_minutes FROM (SELECT 1 AS sign, ROW(r.*)::service_records AS r FROM new_rows r) d CROSS JOIN LATERAL stat_service_vector(d.r) v GROUP BY v.area_code) x WHERE x.confirmed_records <> 0 OR x.confirmed_minutes <> 0 ORDER BY 1
          ON CONFLICT (area_code) DO UPDATE SET confirmed_records = t.confirmed_records + EXCLUDED.confirmed_records, confirmed_minutes = t.confirmed_minutes + EXCLUDED.confirmed_minutes;
    INSERT INTO public.stat_service_county AS t (county_code, confirmed_records, confirmed_minutes)
          SELECT left(x.area_code, 6), sum(x.confirmed_records), sum(x.confirmed_minutes) FROM (SELECT v.area_code, sum(d.sign * v.confirmed_records) AS confirmed_records, sum(d.sign * v.confirmed_minutes) AS confirmed_minutes FROM (SELECT 1 AS sign, ROW(r.*)::service_records AS r FROM new_rows r) d CROSS JOIN LATERAL stat_service_vector(d.r) v GROUP BY v.area_code) x GROUP BY 1
          HAVING sum(x.confirmed_records) <> 0 OR sum(x.confirmed_minutes) <> 0 ORDER BY 1
          ON CONFLICT (county_code) DO UPDATE SET confirmed_records = t.confirmed_records + EXCLUDED.confirmed_records, confirmed_minutes = t.confirmed_minutes + EXCLUDED.confirmed_minutes;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO public.stat_service AS t (area_code, confirmed_records, confirmed_minutes)
          SELECT * FROM (SELECT v.area_code, sum(d.sign * v.confirmed_records) AS confirmed_records, sum(d.sign * v.confirmed_minutes) AS confirmed_minutes FROM (SELECT -1 AS sign, ROW(r.*)::service_records AS r FROM old_rows r) d CROSS JOIN LATERAL stat_service_vector(d.r) v GROUP BY v.area_code) x WHERE x.confirmed_records <> 0 OR x.confirmed_minutes <> 0 ORDER BY 1
          ON CONFLICT (area_code) DO UPDATE SET confirmed_records = t.confirmed_records + EXCLUDED.confirmed_records, confirmed_minutes = t.confirmed_minutes + EXCLUDED.confirmed_minutes;
    INSERT INTO public.stat_service_county AS t (county_code, confirmed_records, confirmed_minutes)
          SELECT left(x.area_code, 6), sum(x.confirmed_records), sum(x.confirmed_minutes) FROM (SELECT v.area_code, sum(d.sign * v.confirmed_records) AS confirmed_records, sum(d.sign * v.confirmed_minutes) AS confirmed_minutes FROM (SELECT -1 AS sign, ROW(r.*)::service_records AS r FROM old_rows r) d CROSS JOIN LATERAL stat_service_vector(d.r) v GROUP BY v.area_code) x GROUP BY 1
          HAVING sum(x.confirmed_records) <> 0 OR sum(x.confirmed_minutes) <> 0 ORDER BY 1
          ON CONFLICT (county_code) DO UPDATE SET confirmed_records = t.confirmed_records + EXCLUDED.confirmed_records, confirmed_minutes = t.confirmed_minutes + EXCLUDED.confirmed_minutes;
  ELSE
    INSERT INTO public.stat_service AS t (area_code, confirmed_records, confirmed_minutes)
          SELECT * FROM (SELECT v.area_code, sum(d.sign * v.confirmed_records) AS confirmed_records, sum(d.sign * v.confirmed_minutes) AS confirmed_minutes FROM (SELECT -1 AS sign, ROW(r.*)::service_records AS r FROM old_rows r UNION ALL SELECT 1, ROW(r.*)::service_records FROM new_rows r) d CROSS JOIN LATERAL stat_service_vector(d.r) v GROUP BY v.area_code) x WHERE x.confirmed_records <> 0 OR x.confirmed_minutes <> 0 ORDER BY 1
          ON CONFLICT (area_code) DO UPDATE SET confirmed_records = t.confirmed_records + EXCLUDED.confirmed_records, confirmed_minutes = t.confirmed_minutes + EXCLUDED.confirmed_minutes;
    INSERT INTO public.stat_service_county AS t (county_code, confirmed_records, confirmed_minutes)
          SELECT left(x.area_code, 6), sum(x.confirmed_records), sum(x.confirmed_minutes) FROM (SELECT v.area_code, sum(d.sign * v.confirmed_records) AS confirmed_records, sum(d.sign * v.confirmed_minutes) AS confirmed_minutes FROM (SELECT -1 AS sign, ROW(r.*)::service_records AS r FROM old_rows r UNION ALL SELECT 1, ROW(r.*)::service_records FROM new_rows r) d CROSS JOIN LATERAL stat_service_vector(d.r) v GROUP BY v.area_code) x GROUP BY 1
          HAVING sum(x.confirmed_records) <> 0 OR sum(x.confirmed_minutes) <> 0 ORDER BY 1
          ON CONFLICT (county_code) DO UPDATE SET confirmed_records = t.confirmed_records + EXCLUDED.confirmed_records, confirmed_minutes = t.confirmed_minutes + EXCLUDED.confirmed_minutes;
  END IF;
  RETURN NULL;
END;
$$;

-- ─── triggers ────────────────────────────────────────────────────────────────

-- A transition table belongs to one event, so each source has three triggers.
CREATE TRIGGER stat_orgs_insert AFTER INSERT ON organizations REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION stat_orgs_changed();
CREATE TRIGGER stat_orgs_update AFTER UPDATE ON organizations REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION stat_orgs_changed();
CREATE TRIGGER stat_orgs_delete AFTER DELETE ON organizations REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION stat_orgs_changed();
CREATE TRIGGER stat_activities_insert AFTER INSERT ON activities REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION stat_activities_changed();
CREATE TRIGGER stat_activities_update AFTER UPDATE ON activities REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION stat_activities_changed();
CREATE TRIGGER stat_activities_delete AFTER DELETE ON activities REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION stat_activities_changed();
CREATE TRIGGER stat_volunteers_insert AFTER INSERT ON volunteers REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION stat_volunteers_changed();
CREATE TRIGGER stat_volunteers_update AFTER UPDATE ON volunteers REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION stat_volunteers_changed();
CREATE TRIGGER stat_volunteers_delete AFTER DELETE ON volunteers REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION stat_volunteers_changed();
CREATE TRIGGER stat_service_insert AFTER INSERT ON service_records REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION stat_service_changed();
CREATE TRIGGER stat_service_update AFTER UPDATE ON service_records REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION stat_service_changed();
CREATE TRIGGER stat_service_delete AFTER DELETE ON service_records REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION stat_service_changed();

-- ─── rebuild and verify ──────────────────────────────────────────────────────

CREATE FUNCTION stat_rollup_tables() RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
  SELECT ARRAY['stat_orgs', 'stat_orgs_county', 'stat_org_years', 'stat_org_years_county',
               'stat_activities', 'stat_activities_county', 'stat_activity_campaigns', 'stat_activity_campaigns_county',
               'stat_volunteers', 'stat_volunteers_county', 'stat_service', 'stat_service_county']
$$;

-- Every rollup recomputed from the whole base tables, into `schema` (its tables empty).
CREATE FUNCTION stat_full_statements(schema text) RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
  SELECT stat_orgs_rebuild_statements('SELECT 1 AS sign, r FROM public.organizations r', schema)
      || stat_activities_rebuild_statements('SELECT 1 AS sign, r FROM public.activities r', schema)
      || stat_volunteers_rebuild_statements('SELECT 1 AS sign, r FROM public.volunteers r', schema)
      || stat_service_rebuild_statements('SELECT 1 AS sign, r FROM public.service_records r WHERE r.status = ''confirmed''', schema)
$$;

-- Recomputes every rollup from the base tables (after a bulk load with triggers off, or to repair).
-- Writers wait for it (the rollups are locked), and their own deltas land after it.
CREATE FUNCTION statistics_rebuild() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  s text;
BEGIN
  LOCK TABLE stat_orgs, stat_orgs_county, stat_org_years, stat_org_years_county, stat_activities,
    stat_activities_county, stat_activity_campaigns, stat_activity_campaigns_county, stat_volunteers,
    stat_volunteers_county, stat_service, stat_service_county IN ACCESS EXCLUSIVE MODE;
  TRUNCATE stat_orgs, stat_orgs_county, stat_org_years, stat_org_years_county, stat_activities,
    stat_activities_county, stat_activity_campaigns, stat_activity_campaigns_county, stat_volunteers,
    stat_volunteers_county, stat_service, stat_service_county;
  FOREACH s IN ARRAY stat_full_statements('public') LOOP
    EXECUTE s;
  END LOOP;
  PERFORM stat_area_units_compute();
END;
$$;

-- True when a rollup row (as jsonb, keys removed) is missing or counts nothing.
CREATE FUNCTION stat_is_zero(j jsonb) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT j IS NULL OR NOT EXISTS (SELECT 1 FROM jsonb_each(j) e WHERE e.value <> '0'::jsonb)
$$;

-- The rollup rows that differ from a recomputation: (table, key, kept, recomputed). Empty when exact.
CREATE FUNCTION statistics_verify() RETURNS TABLE (rollup text, key text, kept jsonb, recomputed jsonb)
LANGUAGE plpgsql AS $$
DECLARE
  t text;
  s text;
  keys text[];
BEGIN
  FOREACH t IN ARRAY stat_rollup_tables() LOOP
    IF to_regclass(format('pg_temp.%I', t)) IS NOT NULL THEN
      EXECUTE format('DROP TABLE pg_temp.%I', t);
    END IF;
    EXECUTE format('CREATE TEMP TABLE %I (LIKE public.%I INCLUDING ALL) ON COMMIT DROP', t, t);
  END LOOP;
  FOREACH s IN ARRAY stat_full_statements('pg_temp') LOOP
    EXECUTE s;
  END LOOP;
  FOREACH t IN ARRAY stat_rollup_tables() LOOP
    SELECT array_agg(a.attname::text ORDER BY array_position(i.indkey, a.attnum)) INTO keys
      FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
     WHERE i.indrelid = format('public.%I', t)::regclass AND i.indisprimary;
    RETURN QUERY EXECUTE format(
      'SELECT %1$L::text, coalesce(k.key, r.key), k.j, r.j
         FROM (SELECT concat_ws(''/'', %2$s) AS key, to_jsonb(t) - %3$L::text[] AS j FROM public.%1$I t) k
         FULL JOIN (SELECT concat_ws(''/'', %2$s) AS key, to_jsonb(t) - %3$L::text[] AS j FROM pg_temp.%1$I t) r
           ON r.key = k.key
        WHERE k.j IS DISTINCT FROM r.j AND NOT (stat_is_zero(k.j) AND stat_is_zero(r.j))
        ORDER BY 2',
      t, (SELECT string_agg(format('t.%I', k2), ', ') FROM unnest(keys) k2), keys);
  END LOOP;
  FOREACH t IN ARRAY stat_rollup_tables() LOOP
    EXECUTE format('DROP TABLE pg_temp.%I', t);
  END LOOP;
END;
$$;

-- Rows loaded before this migration.
SELECT statistics_rebuild();

-- ─── plans and targets ───────────────────────────────────────────────────────

-- 规划: a plan issued by an area (e.g. 广州市培育发展社区社会组织专项行动 2021–2023).
CREATE TABLE plans (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  title text NOT NULL CHECK (length(title) BETWEEN 2 AND 200),
  area_code char(12) NOT NULL,
  area_level smallint NOT NULL CHECK (area_level BETWEEN 0 AND 5),
  starts_on date NOT NULL,
  ends_on date NOT NULL,
  -- presets loaded by this migration carry a stable key
  preset text UNIQUE,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_on >= starts_on)
);
CREATE INDEX plans_area ON plans (area_code, starts_on DESC);

-- 目标: metric (a key of the dashboard's metric registry), area (and whether it applies to each
-- child area), comparator, value (NULL: a blank □ of the plan, still to be set), deadline.
CREATE TABLE plan_targets (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  plan_id uuid NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  metric text NOT NULL CHECK (metric ~ '^[a-zA-Z][a-zA-Z0-9.]{1,79}$'),
  area_code char(12) NOT NULL,
  area_level smallint NOT NULL CHECK (area_level BETWEEN 0 AND 5),
  each_child boolean NOT NULL DEFAULT false,
  comparator text NOT NULL CHECK (comparator IN ('atLeast', 'atMost')),
  value numeric(14, 2),
  deadline date NOT NULL,
  note text NOT NULL DEFAULT '',
  position smallint NOT NULL DEFAULT 0
);
CREATE INDEX plan_targets_plan ON plan_targets (plan_id, position);

-- The two plans of the issue. Guangzhou (003, 2021-09 → 2023-12): ≥ 80 % of townships with a hub
-- by end-2023, ≥ 3 brand organizations per district, ≥ 50 % incubation coverage at district level
-- by end-2021 (incubators are not recorded yet: the dashboard says "no data source"). Sichuan (004,
-- 十四五): ≥ 2,000 new organizations a year province-wide (专栏4); the per-community averages of
-- 专栏1 are blanks (□) for the province to fill in.
INSERT INTO plans (id, title, area_code, area_level, starts_on, ends_on, preset) VALUES
  ('5a1c0000-0000-4000-8000-000000000001', '广州市培育发展社区社会组织专项行动实施方案（2021—2023年）',
   '440100000000', 2, '2021-09-01', '2023-12-31', 'guangzhou2021'),
  ('5a1c0000-0000-4000-8000-000000000002', '四川省社区社会组织培育发展“十四五”规划',
   '510000000000', 1, '2021-01-01', '2025-12-31', 'sichuan14th');
INSERT INTO plan_targets (plan_id, metric, area_code, area_level, each_child, comparator, value, deadline, note, position) VALUES
  ('5a1c0000-0000-4000-8000-000000000001', 'townships.withHubShare', '440100000000', 2, false, 'atLeast', 80, '2023-12-31',
   '80%以上的街道（乡镇）至少有1个枢纽型社区社会组织', 1),
  ('5a1c0000-0000-4000-8000-000000000001', 'orgs.brandOrg', '440100000000', 2, true, 'atLeast', 3, '2023-12-31',
   '每个区至少培育3个品牌社区社会组织', 2),
  ('5a1c0000-0000-4000-8000-000000000001', 'incubation.countyCoverage', '440100000000', 2, false, 'atLeast', 50, '2021-12-31',
   '区级社区社会组织孵化培育覆盖率达到50%', 3),
  ('5a1c0000-0000-4000-8000-000000000002', 'orgs.newThisYear', '510000000000', 1, false, 'atLeast', 2000, '2025-12-31',
   '全省每年新增登记和备案社区社会组织2000个以上（专栏4）', 1),
  ('5a1c0000-0000-4000-8000-000000000002', 'orgs.perUrbanCommunity', '510000000000', 1, true, 'atLeast', NULL, '2025-12-31',
   '城市社区平均拥有□个社区社会组织（专栏1，待填）', 2),
  ('5a1c0000-0000-4000-8000-000000000002', 'orgs.perRuralCommunity', '510000000000', 1, true, 'atLeast', NULL, '2025-12-31',
   '农村社区平均拥有不少于□个社区社会组织（专栏1，待填）', 3);
