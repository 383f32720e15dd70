-- C5 volunteer service, item 6: 心得体会 (reflections) and the public showcase (志愿服务展示).
-- A volunteer who served in a project writes a reflection about it (title, text, photos); the
-- project's organization publishes it or sends it back with a reason. Only published
-- reflections reach the public showcase, under the author's masked name.

CREATE TABLE volunteer_reflections (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  volunteer_id uuid NOT NULL REFERENCES volunteers (id),
  project_id uuid NOT NULL REFERENCES volunteer_projects (id),
  -- the reviewing organization: the project's (copied so the review queue needs no join)
  org_id uuid NOT NULL REFERENCES organizations (id),
  -- the project's area: the jurisdiction filter and the showcase's subtree
  area_code char(12) NOT NULL,
  title text NOT NULL,
  body text NOT NULL,
  status text NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted', 'published', 'rejected')),
  review_reason text,
  reviewed_by uuid REFERENCES users (id),
  reviewed_at timestamptz,
  published_at timestamptz,
  created_by uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'published') = (published_at IS NOT NULL)),
  CHECK (status <> 'rejected' OR review_reason IS NOT NULL)
);
CREATE INDEX volunteer_reflections_volunteer ON volunteer_reflections (volunteer_id, created_at DESC);
CREATE INDEX volunteer_reflections_org ON volunteer_reflections (org_id, status, created_at DESC);
CREATE INDEX volunteer_reflections_area ON volunteer_reflections (area_code, id);
CREATE INDEX volunteer_reflections_published ON volunteer_reflections (project_id, published_at DESC)
  WHERE status = 'published';

-- Photos kept in the database like activity photos (resized, metadata stripped): see docs/architecture.md.
CREATE TABLE volunteer_reflection_photos (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  reflection_id uuid NOT NULL REFERENCES volunteer_reflections (id),
  display bytea NOT NULL,
  thumb bytea NOT NULL,
  width integer NOT NULL,
  height integer NOT NULL,
  sha256 bytea NOT NULL,
  uploaded_by uuid NOT NULL REFERENCES users (id),
  uploaded_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (reflection_id, sha256)
);
