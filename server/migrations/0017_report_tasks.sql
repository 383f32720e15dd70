-- 填报任务 (C11; 001 三.四 总结报告): a superior area asks its child areas for a report by a
-- deadline. The form (fields) is edited while the task is a draft and fixed once it is sent.
CREATE TABLE report_tasks (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  title text NOT NULL CHECK (length(title) BETWEEN 2 AND 100),
  instructions text NOT NULL DEFAULT '' CHECK (length(instructions) <= 5000),
  -- [{id, kind, label, help, isRequired, options, unit}]; the answers are keyed by id
  fields jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(fields) = 'array'),
  -- a China calendar day: due at its end (24:00 +08:00)
  deadline date NOT NULL,
  remind_days_before smallint NOT NULL DEFAULT 3 CHECK (remind_days_before BETWEEN 1 AND 30),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'sent', 'withdrawn')),
  -- the sending area (the jurisdiction filter) and its level (a few codes name two nodes)
  area_code char(12) NOT NULL,
  area_level smallint NOT NULL CHECK (area_level BETWEEN 0 AND 4),
  all_children boolean NOT NULL DEFAULT true,
  created_by uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  sent_by uuid REFERENCES users (id),
  sent_at timestamptz,
  withdrawn_by uuid REFERENCES users (id),
  withdrawn_at timestamptz,
  withdraw_reason text,
  CHECK ((status = 'draft') = (sent_at IS NULL)),
  CHECK ((status = 'withdrawn') = (withdrawn_at IS NOT NULL AND withdraw_reason IS NOT NULL))
);
CREATE INDEX report_tasks_area ON report_tasks (area_code, created_at DESC);

-- One row per addressee area: its submission (answers, state) lives here from the start.
CREATE TABLE report_task_areas (
  task_id uuid NOT NULL REFERENCES report_tasks (id) ON DELETE CASCADE,
  area_code char(12) NOT NULL,
  area_level smallint NOT NULL CHECK (area_level BETWEEN 1 AND 5),
  state text NOT NULL DEFAULT 'notStarted' CHECK (state IN ('notStarted', 'draft', 'submitted', 'returned')),
  -- the area's working copy, and the answers as last submitted (what the sender sees and exports)
  answers jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(answers) = 'object'),
  submitted_answers jsonb CHECK (jsonb_typeof(submitted_answers) = 'object'),
  saved_by uuid REFERENCES users (id),
  saved_at timestamptz,
  -- the first submission decides lateness (a return for changes does not make an area late)
  first_submitted_at timestamptz,
  submitted_by uuid REFERENCES users (id),
  submitted_at timestamptz,
  submission_count integer NOT NULL DEFAULT 0,
  return_reason text,
  returned_by uuid REFERENCES users (id),
  returned_at timestamptz,
  PRIMARY KEY (task_id, area_code),
  CHECK ((state = 'submitted') <= (submitted_at IS NOT NULL)),
  CHECK ((state = 'returned') <= (return_reason IS NOT NULL))
);
-- the addressee's inbox: tasks addressed to one area
CREATE INDEX report_task_areas_area ON report_task_areas (area_code, task_id);

-- Files: a task's template (area_code NULL) and the attachments of an area's answers (field_id set).
-- Kept in the database with the rows they belong to, like charters (0010): small, transactional, backed up.
CREATE TABLE report_task_files (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  task_id uuid NOT NULL REFERENCES report_tasks (id) ON DELETE CASCADE,
  area_code char(12),
  field_id text,
  file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
  file_type text NOT NULL,
  size integer NOT NULL CHECK (size > 0 AND size <= 20971520),
  sha256 bytea NOT NULL,
  content bytea NOT NULL,
  uploaded_by uuid NOT NULL REFERENCES users (id),
  uploaded_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((area_code IS NULL) = (field_id IS NULL))
);
CREATE UNIQUE INDEX report_task_files_template ON report_task_files (task_id) WHERE area_code IS NULL;
CREATE INDEX report_task_files_answer ON report_task_files (task_id, area_code, field_id) WHERE area_code IS NOT NULL;

-- Reminder notices: at most one per task, area, milestone and deadline (an extended deadline
-- gets its own reminders), so the sweep can run any number of times, on any number of servers.
CREATE TABLE report_task_reminders (
  task_id uuid NOT NULL REFERENCES report_tasks (id) ON DELETE CASCADE,
  area_code char(12) NOT NULL,
  milestone text NOT NULL CHECK (milestone IN ('beforeDeadline', 'deadlineDay')),
  deadline date NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (task_id, area_code, milestone, deadline),
  FOREIGN KEY (task_id, area_code) REFERENCES report_task_areas (task_id, area_code) ON DELETE CASCADE
);
CREATE INDEX report_task_reminders_area ON report_task_reminders (area_code, created_at DESC);
