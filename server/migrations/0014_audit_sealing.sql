-- The audit chain without a global lock (docs/architecture.md "Audit chain").
-- Until now every audited write took one advisory lock until its commit to read the last hash:
-- all audited writes of the platform ran one at a time (about 400 a second here). Now a write
-- inserts its row with a number from a sequence and a MAC over its own content (content_mac),
-- waiting for nobody; a sealer (each server, every second, one at a time) links the committed
-- rows into the chain: chain_pos 1, 2, 3 … with prev_hash and hash. Rows written before this
-- migration are chain version 1 (hash over content and link, as before; chain_pos = seq).
CREATE SEQUENCE audit_log_seq;
SELECT setval('audit_log_seq', coalesce((SELECT max(seq) FROM audit_log), 0) + 1, false);
ALTER TABLE audit_log
  ALTER COLUMN seq SET DEFAULT nextval('audit_log_seq'),
  ALTER COLUMN hash DROP NOT NULL,
  ADD COLUMN chain_version smallint NOT NULL DEFAULT 2 CHECK (chain_version IN (1, 2)),
  ADD COLUMN content_mac bytea,
  ADD COLUMN chain_pos bigint UNIQUE;
ALTER SEQUENCE audit_log_seq OWNED BY audit_log.seq;

-- the trigger refuses every change, so old rows are marked with it briefly disabled
ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update;
UPDATE audit_log SET chain_version = 1, chain_pos = seq;
ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_version_fields CHECK (
  (chain_version = 1 AND chain_pos IS NOT NULL AND hash IS NOT NULL)
  OR (chain_version = 2 AND content_mac IS NOT NULL AND (chain_pos IS NULL) = (hash IS NULL))
);
CREATE INDEX audit_log_unsealed ON audit_log (seq) WHERE chain_pos IS NULL;

-- Still append-only: the one change allowed is sealing an unsealed row, once, touching nothing else.
CREATE OR REPLACE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.chain_pos IS NULL AND NEW.chain_pos IS NOT NULL AND NEW.hash IS NOT NULL
     AND (OLD.seq, OLD.at, OLD.actor_id, OLD.actor_role, OLD.action, OLD.entity, OLD.entity_id, OLD.area_code,
          OLD.source_ip, OLD.before, OLD.after, OLD.chain_version, OLD.content_mac)
         IS NOT DISTINCT FROM
         (NEW.seq, NEW.at, NEW.actor_id, NEW.actor_role, NEW.action, NEW.entity, NEW.entity_id, NEW.area_code,
          NEW.source_ip, NEW.before, NEW.after, NEW.chain_version, NEW.content_mac) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
