import type { Answers, ReportField } from '@linli/contract/report-tasks';
import { type Scope, scopeSql } from '../../platform/access';
import type { Queryable } from '../../platform/db';
import type { InboxRow, ReminderRow, ReportFileRow, ReportTaskRow, ReportTaskSummaryRow, TaskAreaRow } from './tables';

/** The instant a task becomes late: the end of its deadline day in China (24:00 +08:00). */
const DEADLINE_END = `((t.deadline + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`;

const TASK_COLUMNS = `t.id, t.title, t.instructions, t.fields, to_char(t.deadline, 'YYYY-MM-DD') AS deadline,
  t.remind_days_before, t.status, t.area_code, t.area_level, a.name AS area_name, t.all_children, t.created_by,
  t.created_at, t.updated_at, t.sent_at, t.withdrawn_at, t.withdraw_reason`;

// ─── areas (read from the areas module's table) ──────────────────────────────

export type AreaNameRow = { code: string; level: number; name: string };

export async function findAreaNode(db: Queryable, code: string, level: number): Promise<AreaNameRow | null> {
  const { rows } = await db.query<AreaNameRow>('SELECT code, level, name FROM areas WHERE code = $1 AND level = $2', [
    code,
    level,
  ]);
  return rows[0] ?? null;
}

/** The areas one level below a node: a task's possible addressees. */
export async function findChildAreas(db: Queryable, code: string, level: number): Promise<AreaNameRow[]> {
  const { rows } = await db.query<AreaNameRow>(
    'SELECT code, level, name FROM areas WHERE parent_code = $1 AND parent_level = $2 ORDER BY code',
    [code, level],
  );
  return rows;
}

// ─── tasks ───────────────────────────────────────────────────────────────────

export type TaskWrite = {
  title: string;
  instructions: string;
  fields: ReportField[];
  deadline: string;
  remindDaysBefore: number;
  allChildren: boolean;
};

export async function insertTask(
  db: Queryable,
  t: TaskWrite & { areaCode: string; areaLevel: number; createdBy: string },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO report_tasks (title, instructions, fields, deadline, remind_days_before, area_code, area_level,
       all_children, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [
      t.title,
      t.instructions,
      JSON.stringify(t.fields),
      t.deadline,
      t.remindDaysBefore,
      t.areaCode,
      t.areaLevel,
      t.allChildren,
      t.createdBy,
    ],
  );
  return rows[0]!.id;
}

export async function updateDraft(db: Queryable, id: string, t: TaskWrite): Promise<void> {
  await db.query(
    `UPDATE report_tasks SET title = $2, instructions = $3, fields = $4, deadline = $5, remind_days_before = $6,
       all_children = $7, updated_at = now()
     WHERE id = $1 AND status = 'draft'`,
    [id, t.title, t.instructions, JSON.stringify(t.fields), t.deadline, t.remindDaysBefore, t.allChildren],
  );
}

export async function deleteDraft(db: Queryable, id: string): Promise<void> {
  await db.query(`DELETE FROM report_tasks WHERE id = $1 AND status = 'draft'`, [id]);
}

/** One task (any status); `lock` takes the row for the transaction's command. */
export async function findTask(db: Queryable, id: string, lock = false): Promise<ReportTaskRow | null> {
  const { rows } = await db.query<ReportTaskRow>(
    `SELECT ${TASK_COLUMNS} FROM report_tasks t JOIN areas a ON a.code = t.area_code AND a.level = t.area_level
      WHERE t.id = $1${lock ? ' FOR UPDATE OF t' : ''}`,
    [id],
  );
  return rows[0] ?? null;
}

/** Tasks sent from the sender's jurisdiction, newest first, with their addressees' figures. */
export async function listTasks(
  db: Queryable,
  scope: Scope,
  filter: { status?: string | undefined },
): Promise<ReportTaskSummaryRow[]> {
  const params: unknown[] = [];
  const where = [scopeSql('t.area_code', scope, params)];
  if (filter.status) {
    params.push(filter.status);
    where.push(`t.status = $${params.length}`);
  }
  const { rows } = await db.query<ReportTaskSummaryRow>(
    `SELECT t.id, t.title, t.status, to_char(t.deadline, 'YYYY-MM-DD') AS deadline, t.area_code, t.area_level,
            a.name AS area_name, t.sent_at, t.created_at,
            count(ra.area_code)::int AS addressees,
            (count(*) FILTER (WHERE ra.state = 'submitted'))::int AS submitted,
            (count(*) FILTER (WHERE ra.state = 'submitted' AND ra.first_submitted_at >= ${DEADLINE_END}))::int AS late,
            (count(*) FILTER (WHERE ra.state <> 'submitted'))::int AS outstanding,
            (count(*) FILTER (WHERE ra.state = 'returned'))::int AS returned
       FROM report_tasks t
       JOIN areas a ON a.code = t.area_code AND a.level = t.area_level
       LEFT JOIN report_task_areas ra ON ra.task_id = t.id
      WHERE ${where.join(' AND ')}
      GROUP BY t.id, a.name
      ORDER BY t.created_at DESC, t.id
      LIMIT 200`,
    params,
  );
  return rows;
}

export async function markSent(db: Queryable, id: string, fields: ReportField[], by: string, at: Date): Promise<void> {
  await db.query(
    `UPDATE report_tasks SET status = 'sent', fields = $2, sent_by = $3, sent_at = $4, updated_at = $4 WHERE id = $1`,
    [id, JSON.stringify(fields), by, at],
  );
}

export async function setDeadline(db: Queryable, id: string, deadline: string): Promise<void> {
  await db.query('UPDATE report_tasks SET deadline = $2, updated_at = now() WHERE id = $1', [id, deadline]);
}

export async function markWithdrawn(db: Queryable, id: string, reason: string, by: string, at: Date): Promise<void> {
  await db.query(
    `UPDATE report_tasks SET status = 'withdrawn', withdraw_reason = $2, withdrawn_by = $3, withdrawn_at = $4,
       updated_at = $4 WHERE id = $1`,
    [id, reason, by, at],
  );
}

// ─── addressee areas and their submissions ───────────────────────────────────

/** The addressee list of a draft, replaced as a whole. */
export async function replaceAddressees(
  db: Queryable,
  taskId: string,
  areas: { code: string; level: number }[],
): Promise<void> {
  await db.query('DELETE FROM report_task_areas WHERE task_id = $1', [taskId]);
  await db.query(
    `INSERT INTO report_task_areas (task_id, area_code, area_level)
     SELECT $1, code, level FROM unnest($2::text[], $3::smallint[]) AS x (code, level)`,
    [taskId, areas.map((a) => a.code), areas.map((a) => a.level)],
  );
}

const TASK_AREA_COLUMNS = `ra.task_id, ra.area_code, ra.area_level, a.name AS area_name, ra.state, ra.answers,
  ra.submitted_answers, ra.saved_at, ra.first_submitted_at, ra.submitted_at, u.name AS submitted_by_name,
  ra.submission_count, ra.return_reason`;
const TASK_AREA_FROM = `report_task_areas ra
  JOIN areas a ON a.code = ra.area_code AND a.level = ra.area_level
  LEFT JOIN users u ON u.id = ra.submitted_by`;

export async function findTaskAreas(db: Queryable, taskId: string): Promise<TaskAreaRow[]> {
  const { rows } = await db.query<TaskAreaRow>(
    `SELECT ${TASK_AREA_COLUMNS} FROM ${TASK_AREA_FROM} WHERE ra.task_id = $1 ORDER BY ra.area_code`,
    [taskId],
  );
  return rows;
}

/** Submitted areas of a task in code order after `afterCode`, a page at a time (the export). */
export async function findSubmittedPage(
  db: Queryable,
  taskId: string,
  afterCode: string,
  limit: number,
): Promise<TaskAreaRow[]> {
  const { rows } = await db.query<TaskAreaRow>(
    `SELECT ${TASK_AREA_COLUMNS} FROM ${TASK_AREA_FROM}
      WHERE ra.task_id = $1 AND ra.area_code > $2 ORDER BY ra.area_code LIMIT $3`,
    [taskId, afterCode, limit],
  );
  return rows;
}

export async function findTaskArea(
  db: Queryable,
  taskId: string,
  areaCode: string,
  lock = false,
): Promise<TaskAreaRow | null> {
  const { rows } = await db.query<TaskAreaRow>(
    `SELECT ${TASK_AREA_COLUMNS} FROM ${TASK_AREA_FROM} WHERE ra.task_id = $1 AND ra.area_code = $2${lock ? ' FOR UPDATE OF ra' : ''}`,
    [taskId, areaCode],
  );
  return rows[0] ?? null;
}

export async function saveAnswers(
  db: Queryable,
  key: { taskId: string; areaCode: string },
  s: { state: string; answers: Answers; by: string; at: Date },
): Promise<void> {
  await db.query(
    `UPDATE report_task_areas SET state = $3, answers = $4, saved_by = $5, saved_at = $6
      WHERE task_id = $1 AND area_code = $2`,
    [key.taskId, key.areaCode, s.state, JSON.stringify(s.answers), s.by, s.at],
  );
}

export async function submitAnswers(
  db: Queryable,
  key: { taskId: string; areaCode: string },
  s: { answers: Answers; by: string; at: Date },
): Promise<void> {
  await db.query(
    `UPDATE report_task_areas SET state = 'submitted', answers = $3, submitted_answers = $3, saved_by = $4,
       saved_at = $5, submitted_by = $4, submitted_at = $5, first_submitted_at = coalesce(first_submitted_at, $5),
       submission_count = submission_count + 1
      WHERE task_id = $1 AND area_code = $2`,
    [key.taskId, key.areaCode, JSON.stringify(s.answers), s.by, s.at],
  );
}

export async function markReturned(
  db: Queryable,
  key: { taskId: string; areaCode: string },
  r: { reason: string; by: string; at: Date },
): Promise<void> {
  await db.query(
    `UPDATE report_task_areas SET state = 'returned', return_reason = $3, returned_by = $4, returned_at = $5
      WHERE task_id = $1 AND area_code = $2`,
    [key.taskId, key.areaCode, r.reason, r.by, r.at],
  );
}

/** Sent or withdrawn tasks addressed to the given areas (drafts are the sender's own business). */
export async function findInbox(db: Queryable, areas: { code: string; level: number }[]): Promise<InboxRow[]> {
  const { rows } = await db.query<InboxRow>(
    `SELECT t.id AS task_id, t.title, t.status AS task_status, to_char(t.deadline, 'YYYY-MM-DD') AS deadline,
            s.name AS sender_area_name, ra.area_code, a.name AS area_name, ra.state, ra.first_submitted_at,
            ra.submitted_at, ra.return_reason
       FROM unnest($1::text[], $2::smallint[]) AS mine (code, level)
       JOIN report_task_areas ra ON ra.area_code = mine.code AND ra.area_level = mine.level
       JOIN report_tasks t ON t.id = ra.task_id AND t.status <> 'draft'
       JOIN areas a ON a.code = ra.area_code AND a.level = ra.area_level
       JOIN areas s ON s.code = t.area_code AND s.level = t.area_level
      ORDER BY (t.status = 'sent' AND ra.state <> 'submitted') DESC, t.deadline, t.id, ra.area_code
      LIMIT 500`,
    [areas.map((a) => a.code), areas.map((a) => a.level)],
  );
  return rows;
}

// ─── files ───────────────────────────────────────────────────────────────────

export type FileWrite = {
  taskId: string;
  areaCode: string | null;
  fieldId: string | null;
  fileName: string;
  fileType: string;
  content: Buffer;
  sha256: Buffer;
  uploadedBy: string;
};

const FILE_COLUMNS = 'id, task_id, area_code, field_id, file_name, file_type, size';

export async function insertFile(db: Queryable, f: FileWrite): Promise<ReportFileRow> {
  const { rows } = await db.query<ReportFileRow>(
    `INSERT INTO report_task_files (task_id, area_code, field_id, file_name, file_type, size, sha256, content, uploaded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${FILE_COLUMNS}`,
    [f.taskId, f.areaCode, f.fieldId, f.fileName, f.fileType, f.content.length, f.sha256, f.content, f.uploadedBy],
  );
  return rows[0]!;
}

/** Removes the template of a task; returns what was there. */
export async function deleteTemplate(db: Queryable, taskId: string): Promise<ReportFileRow | null> {
  const { rows } = await db.query<ReportFileRow>(
    `DELETE FROM report_task_files WHERE task_id = $1 AND area_code IS NULL RETURNING ${FILE_COLUMNS}`,
    [taskId],
  );
  return rows[0] ?? null;
}

export async function findTemplate(db: Queryable, taskId: string): Promise<ReportFileRow | null> {
  const { rows } = await db.query<ReportFileRow>(
    `SELECT ${FILE_COLUMNS} FROM report_task_files WHERE task_id = $1 AND area_code IS NULL`,
    [taskId],
  );
  return rows[0] ?? null;
}

/** The files one area uploaded for a task's answers. */
export async function findAreaFiles(db: Queryable, taskId: string, areaCode: string): Promise<ReportFileRow[]> {
  const { rows } = await db.query<ReportFileRow>(
    `SELECT ${FILE_COLUMNS} FROM report_task_files WHERE task_id = $1 AND area_code = $2 ORDER BY uploaded_at, id`,
    [taskId, areaCode],
  );
  return rows;
}

/** Files by id, limited to one task (the export's links). */
export async function findFilesByIds(db: Queryable, taskId: string, ids: string[]): Promise<ReportFileRow[]> {
  const { rows } = await db.query<ReportFileRow>(
    `SELECT ${FILE_COLUMNS} FROM report_task_files WHERE task_id = $1 AND id = ANY($2::uuid[])`,
    [taskId, ids],
  );
  return rows;
}

export async function findFile(db: Queryable, id: string): Promise<ReportFileRow | null> {
  const { rows } = await db.query<ReportFileRow>(`SELECT ${FILE_COLUMNS} FROM report_task_files WHERE id = $1`, [id]);
  return rows[0] ?? null;
}

export async function findFileContent(db: Queryable, id: string): Promise<Buffer | null> {
  const { rows } = await db.query<{ content: Buffer }>('SELECT content FROM report_task_files WHERE id = $1', [id]);
  return rows[0]?.content ?? null;
}

// ─── reminders ───────────────────────────────────────────────────────────────

export type InsertedReminder = { task_id: string; area_code: string; milestone: string; deadline: string };

/**
 * The sweep: for sent tasks, a `beforeDeadline` notice from the day `remind_days_before` days ahead
 * of the deadline (when the task was sent by then) and a `deadlineDay` notice on the day itself,
 * for every addressee area that has not submitted. The primary key keeps it to one per task, area,
 * milestone and deadline, so running it again inserts nothing. `today` is a China calendar day.
 */
export async function insertDueReminders(db: Queryable, today: string): Promise<InsertedReminder[]> {
  const { rows } = await db.query<InsertedReminder>(
    `WITH due AS (
       SELECT t.id, t.deadline,
              CASE WHEN t.deadline = $1::date THEN 'deadlineDay' ELSE 'beforeDeadline' END AS milestone
         FROM report_tasks t
        WHERE t.status = 'sent' AND t.deadline >= $1::date
          AND (t.deadline = $1::date
               OR (t.deadline - t.remind_days_before <= $1::date
                   AND (t.sent_at AT TIME ZONE 'Asia/Shanghai')::date <= t.deadline - t.remind_days_before))
     )
     INSERT INTO report_task_reminders (task_id, area_code, milestone, deadline)
     SELECT due.id, ra.area_code, due.milestone, due.deadline
       FROM due JOIN report_task_areas ra ON ra.task_id = due.id
      WHERE ra.state <> 'submitted'
     ON CONFLICT DO NOTHING
     RETURNING task_id, area_code, milestone, to_char(deadline, 'YYYY-MM-DD') AS deadline`,
    [today],
  );
  return rows;
}

/** Reminders of open tasks for the given areas that have not submitted yet, newest first. */
export async function findOpenReminders(
  db: Queryable,
  areas: { code: string; level: number }[],
): Promise<ReminderRow[]> {
  const { rows } = await db.query<ReminderRow>(
    `SELECT r.task_id, t.title, r.area_code, a.name AS area_name, r.milestone, to_char(r.deadline, 'YYYY-MM-DD') AS deadline,
            r.created_at
       FROM unnest($1::text[], $2::smallint[]) AS mine (code, level)
       JOIN report_task_areas ra ON ra.area_code = mine.code AND ra.area_level = mine.level
       JOIN report_task_reminders r ON r.task_id = ra.task_id AND r.area_code = ra.area_code
       JOIN report_tasks t ON t.id = r.task_id AND t.status = 'sent' AND t.deadline = r.deadline
       JOIN areas a ON a.code = ra.area_code AND a.level = ra.area_level
      WHERE ra.state <> 'submitted'
      ORDER BY r.created_at DESC, r.task_id, r.area_code
      LIMIT 100`,
    [areas.map((a) => a.code), areas.map((a) => a.level)],
  );
  return rows;
}
