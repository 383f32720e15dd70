-- 志愿服务证明 (《志愿服务记录与证明出具办法》; 谁记录谁证明): what was certified, exactly as it
-- was signed. A row is never changed or removed: a certificate with other figures is a new row.
CREATE TABLE service_certificates (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- human-readable, random (not a counter, so numbers cannot be walked): ZM-2026-7K3M-9Q2X
  number text NOT NULL UNIQUE,
  volunteer_id uuid NOT NULL REFERENCES volunteers (id),
  -- set when the certificate covers one recording organization only (it issued it, or the
  -- volunteer asked for that organization's records)
  org_id uuid REFERENCES organizations (id),
  issued_by_kind text NOT NULL CHECK (issued_by_kind IN ('volunteer', 'organization')),
  period_from date NOT NULL,
  period_to date NOT NULL,
  -- the signed statement (canonical JSON of the certified fields) and its HMAC ("v1." + base64url)
  statement jsonb NOT NULL,
  signature text NOT NULL,
  total_minutes integer NOT NULL CHECK (total_minutes > 0),
  -- the volunteer's home area: the jurisdiction filter
  area_code char(12) NOT NULL,
  issued_by uuid NOT NULL REFERENCES users (id),
  issued_at timestamptz NOT NULL,
  CHECK (period_from <= period_to)
);
CREATE INDEX service_certificates_volunteer ON service_certificates (volunteer_id, issued_at DESC);
CREATE INDEX service_certificates_org ON service_certificates (org_id, issued_at DESC) WHERE org_id IS NOT NULL;

CREATE FUNCTION service_certificates_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'service certificates cannot be changed or deleted' USING ERRCODE = 'restrict_violation';
END $$;
CREATE TRIGGER service_certificates_immutable BEFORE UPDATE OR DELETE ON service_certificates
  FOR EACH ROW EXECUTE FUNCTION service_certificates_immutable();
