-- 章程: one charter file per organization (the latest upload), kept in the database with the
-- record it belongs to — small (≤ 10 MB), transactional with its audit row, and backed up with it.
CREATE TABLE org_charters (
  org_id uuid PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
  file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
  file_type text NOT NULL CHECK (file_type IN ('pdf', 'docx', 'doc', 'jpg', 'png')),
  size integer NOT NULL CHECK (size > 0 AND size <= 10485760),
  sha256 bytea NOT NULL,
  content bytea NOT NULL,
  uploaded_by uuid REFERENCES users (id),
  uploaded_at timestamptz NOT NULL DEFAULT now()
);
