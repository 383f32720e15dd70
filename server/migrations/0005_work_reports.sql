-- Work reports (003 二.四.2 定期向村(居)两委报告工作) and annual reports; the committee acknowledges or comments.
CREATE TABLE work_reports (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organizations (id),
  kind text NOT NULL CHECK (kind IN ('workReport', 'annualReport')),
  -- 'YYYY-Qn' for a work report, 'YYYY' for an annual report
  period text NOT NULL CHECK (period ~ '^\d{4}(-Q[1-4])?$'),
  content text NOT NULL,
  activity_count integer NOT NULL DEFAULT 0 CHECK (activity_count >= 0),
  state text NOT NULL DEFAULT 'submitted' CHECK (state IN ('submitted', 'acknowledged', 'commented')),
  review_comment text,
  area_code char(12) NOT NULL,
  submitted_by uuid NOT NULL REFERENCES users (id),
  submitted_at timestamptz NOT NULL DEFAULT now(),
  reviewed_by uuid REFERENCES users (id),
  reviewed_at timestamptz,
  UNIQUE (org_id, kind, period),
  CHECK ((kind = 'annualReport') = (period !~ '-Q'))
);
CREATE INDEX work_reports_area ON work_reports (area_code, submitted_at DESC);
