-- Long work (imports, large exports) runs as a job with progress, never inside a request.
CREATE TABLE jobs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL,
  state text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'succeeded', 'failed')),
  input jsonb NOT NULL DEFAULT '{}',
  -- an uploaded file the job reads (kept until the job is cleaned up)
  file bytea,
  file_name text,
  progress_done integer NOT NULL DEFAULT 0,
  progress_total integer NOT NULL DEFAULT 0,
  result jsonb,
  -- a file the job produced for download (e.g. an error sheet)
  result_file bytea,
  error text,
  area_code char(12),
  created_by uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  finished_at timestamptz
);
CREATE INDEX jobs_queue ON jobs (created_at) WHERE state = 'queued';
CREATE INDEX jobs_creator ON jobs (created_by, created_at DESC);

ALTER TABLE organizations ADD COLUMN import_job_id uuid REFERENCES jobs (id);
