import type { Answers, ReportField } from '@linli/contract/report-tasks';
import type { CodeRange } from '../../platform/access';
import type { Queryable } from '../../platform/db';
import type {
  CountsRow,
  InboxRow,
  ReminderRow,
  ReportFileRow,
  ReportTaskRow,
  ReportTaskSummaryRow,
  TaskAreaRow,
} from './tables';

/** The instant a task becomes late: the end of its deadline day in China (24:00 +08:00). */
const DEADLINE_END = `((t.deadline + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`;

const TASK_COLUMNS = `t.id, t.title, t.instructions, t.fields, to_char(t.deadline, 'YYYY-MM-DD') AS deadline,
  t.remind_days_before, t.status, t.area_code, t.area_level, a.name AS area_name, t.addressee_level, t.all_children,
  t.created_by,
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

/** The areas one level below a node (the sending form's "within" choices). */
export async function findChildAreas(db: Queryable, code: string, level: number): Promise<AreaNameRow[]> {
  const { rows } = await db.query<AreaNameRow>(
    'SELECT code, level, name FROM areas WHERE parent_code = $1 AND parent_level = $2 ORDER BY code',
    [code, level],
  );
  return rows;
}

/** The shallowest node with `code` strictly between two levels (the status table's and the picker's "within"). */
export async function findAreaBetween(
  db: Queryable,
  code: string,
  above: number,
  below: number,
): Promise<AreaNameRow | null> {
  const { rows } = await db.query<AreaNameRow>(
    'SELECT code, level, name FROM areas WHERE code = $1 AND level > $2 AND level < $3 ORDER BY level LIMIT 1',
    [code, above, below],
  );
  return rows[0] ?? null;
}

/** How many areas each level below `level` holds in a code range: one index range per level. */
export async function countAreasByLevel(
  db: Queryable,
  range: CodeRange,
  level: number,
): Promise<{ level: number; count: number }[]> {
  const { rows } = await db.query<{ level: number; count: number }>(
    `SELECT l AS level, (SELECT count(*)::int FROM areas WHERE level = l AND code BETWEEN $1 AND $2) AS count
       FROM generate_series($3::int + 1, 5) AS l
      ORDER BY l`,
    [range.lo, range.hi, level],
  );
  return rows;
}

/**
 * The names of the areas between level `above` and the area (`越秀区 / 北京街道`): its ancestors,
 * found by their codes (the area's code cut to each level's prefix) through the primary key.
 */
const PARENT_NAME = (code: string, level: string, above: string) => `(SELECT string_agg(p.name, ' / ' ORDER BY p.level)
       FROM areas p
      WHERE p.code = ANY (ARRAY[rpad(left(${code}, 2), 12, '0'), rpad(left(${code}, 4), 12, '0'),
                                rpad(left(${code}, 6), 12, '0'), rpad(left(${code}, 9), 12, '0')]::bpchar[])
        AND p.level > ${above} AND p.level < ${level}
        AND p.code = rpad(left(${code}, (ARRAY[2, 4, 6, 9, 12])[p.level]), 12, '0')::bpchar)`;

/** Of `codes`, the areas at `level` inside `range` (the chosen addressees that may be addressed). */
export async function findAreasAtLevel(
  db: Queryable,
  codes: string[],
  level: number,
  range: CodeRange,
): Promise<AreaNameRow[]> {
  const { rows } = await db.query<AreaNameRow>(
    `SELECT code, level, name FROM areas
      WHERE code = ANY($1::bpchar[]) AND level = $2 AND code BETWEEN $3 AND $4 ORDER BY code`,
    [codes, level, range.lo, range.hi],
  );
  return rows;
}

/** The area picker: areas of `level` in `range` whose name or whose ancestors' (below the sender) contain `q`, in code order. */
export async function searchAreasAtLevel(
  db: Queryable,
  p: { range: CodeRange; level: number; above: number; q: string; limit: number },
): Promise<(AreaNameRow & { parent_name: string | null })[]> {
  const { rows } = await db.query<AreaNameRow & { parent_name: string | null }>(
    `SELECT a.code, a.level, a.name, p.parent_name
       FROM areas a
       CROSS JOIN LATERAL (SELECT ${PARENT_NAME('a.code', 'a.level', '$4::int')} AS parent_name) p
      WHERE a.level = $3 AND a.code BETWEEN $1 AND $2
        AND ($5 = '' OR strpos(concat(p.parent_name, ' / ', a.name), $5) > 0)
      ORDER BY a.code
      LIMIT $6`,
    [p.range.lo, p.range.hi, p.level, p.above, p.q, p.limit],
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
  addresseeLevel: number;
  allChildren: boolean;
};

export async function insertTask(
  db: Queryable,
  t: TaskWrite & { areaCode: string; areaLevel: number; createdBy: string },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO report_tasks (title, instructions, fields, deadline, remind_days_before, area_code, area_level,
       all_children, created_by, addressee_level)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
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
      t.addresseeLevel,
    ],
  );
  return rows[0]!.id;
}

export async function updateDraft(db: Queryable, id: string, t: TaskWrite): Promise<void> {
  await db.query(
    `UPDATE report_tasks SET title = $2, instructions = $3, fields = $4, deadline = $5, remind_days_before = $6,
       all_children = $7, addressee_level = $8, updated_at = now()
     WHERE id = $1 AND status = 'draft'`,
    [
      id,
      t.title,
      t.instructions,
      JSON.stringify(t.fields),
      t.deadline,
      t.remindDaysBefore,
      t.allChildren,
      t.addresseeLevel,
    ],
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

/** Figures of the addressee rows `ra` (the deadline's end as `end`): one aggregate. */
const COUNTS = (end: string) => `count(ra.area_code)::int AS addressees,
            (count(*) FILTER (WHERE ra.state = 'notStarted'))::int AS not_started,
            (count(*) FILTER (WHERE ra.state = 'draft'))::int AS draft,
            (count(*) FILTER (WHERE ra.state = 'submitted'))::int AS submitted,
            (count(*) FILTER (WHERE ra.state = 'submitted' AND ra.first_submitted_at >= ${end}))::int AS late,
            (count(*) FILTER (WHERE ra.state <> 'submitted'))::int AS outstanding,
            (count(*) FILTER (WHERE ra.state = 'returned'))::int AS returned`;

/** The caller's reading nodes as a relation `r (lo, hi, level)`. */
export type Readers = { lo: string; hi: string; level: number }[];

/**
 * Tasks the caller reads, newest first, with the figures of the addressees they read. The
 * jurisdiction filter (policy.ts `taskReach`, in SQL): a reading node at or above the sending area
 * reads the task and all its addressees; a node strictly between the sending area and the addressee
 * level reads a sent task with addressees in its subtree, and counts only those.
 */
export async function listTasks(
  db: Queryable,
  readers: Readers,
  filter: { status?: string | undefined },
): Promise<ReportTaskSummaryRow[]> {
  const params: unknown[] = [readers.map((r) => r.lo), readers.map((r) => r.hi), readers.map((r) => r.level)];
  let statusFilter = '';
  if (filter.status) {
    params.push(filter.status);
    statusFilter = `AND t.status = $${params.length}`;
  }
  const { rows } = await db.query<ReportTaskSummaryRow>(
    `WITH r AS (SELECT * FROM unnest($1::text[], $2::text[], $3::int[]) AS r (lo, hi, level)),
     visible AS (
       SELECT t.id, true AS is_full
         FROM report_tasks t
        WHERE EXISTS (SELECT 1 FROM r WHERE t.area_code BETWEEN r.lo AND r.hi AND r.level <= t.area_level)
              ${statusFilter}
       UNION
       SELECT t.id, false
         FROM report_tasks t
         JOIN r ON r.level > t.area_level AND r.level < t.addressee_level
        WHERE t.status <> 'draft' ${statusFilter}
          AND EXISTS (SELECT 1 FROM report_task_areas x WHERE x.task_id = t.id AND x.area_code BETWEEN r.lo AND r.hi)
     ),
     reach AS (SELECT id, bool_or(is_full) AS is_full FROM visible GROUP BY id)
     SELECT t.id, t.title, t.status, to_char(t.deadline, 'YYYY-MM-DD') AS deadline, t.area_code, t.area_level,
            a.name AS area_name, t.sent_at, t.created_at,
            ${COUNTS(DEADLINE_END)}
       FROM reach
       JOIN report_tasks t ON t.id = reach.id
       JOIN areas a ON a.code = t.area_code AND a.level = t.area_level
       LEFT JOIN report_task_areas ra ON ra.task_id = t.id
        AND (reach.is_full OR EXISTS (SELECT 1 FROM r WHERE ra.area_code BETWEEN r.lo AND r.hi
                                         AND r.level > t.area_level AND r.level < t.addressee_level))
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

/**
 * The addressee list of a draft, replaced as a whole in one statement each way: every area of
 * `level` in the sending area's code range, or the chosen codes among them. Returns how many.
 */
export async function replaceAddressees(
  db: Queryable,
  taskId: string,
  p: { level: number; range: CodeRange; codes: string[] | null },
): Promise<number> {
  await db.query('DELETE FROM report_task_areas WHERE task_id = $1', [taskId]);
  const { rowCount } = await db.query(
    `INSERT INTO report_task_areas (task_id, area_code, area_level)
     SELECT $1, code, level FROM areas
      WHERE level = $2 AND code BETWEEN $3 AND $4 AND ($5::bpchar[] IS NULL OR code = ANY($5::bpchar[]))`,
    [taskId, p.level, p.range.lo, p.range.hi, p.codes],
  );
  return rowCount ?? 0;
}

/** `ra.area_code` in one of the ranges (none: every addressee), appending the parameters. */
function rangesSql(ranges: CodeRange[] | null, params: unknown[]): string {
  if (ranges === null) {
    return 'true';
  }
  if (ranges.length === 0) {
    return 'false';
  }
  params.push(
    ranges.map((r) => r.lo),
    ranges.map((r) => r.hi),
  );
  return `EXISTS (SELECT 1 FROM unnest($${params.length - 1}::text[], $${params.length}::text[]) AS rr (lo, hi)
                   WHERE ra.area_code BETWEEN rr.lo AND rr.hi)`;
}

/** Which addressees a read covers: those the caller reads (null: all), inside `within`, of a display status. */
export type AddresseeFilter = {
  ranges: CodeRange[] | null;
  within?: CodeRange | undefined;
  status?: string | undefined;
  /** the end of the deadline day: a first submission at or after it is late */
  deadlineEnd: Date;
};

function addresseeWhere(f: AddresseeFilter, params: unknown[], withStatus: boolean): string {
  const where = [rangesSql(f.ranges, params)];
  if (f.within) {
    params.push(f.within.lo, f.within.hi);
    where.push(`ra.area_code BETWEEN $${params.length - 1} AND $${params.length}`);
  }
  if (withStatus && f.status) {
    const byState: Record<string, string> = {
      notStarted: `ra.state = 'notStarted'`,
      draft: `ra.state = 'draft'`,
      returned: `ra.state = 'returned'`,
      outstanding: `ra.state <> 'submitted'`,
    };
    if (f.status === 'submitted' || f.status === 'late') {
      params.push(f.deadlineEnd);
      const op = f.status === 'late' ? '>=' : '<';
      where.push(`ra.state = 'submitted' AND ra.first_submitted_at ${op} $${params.length}::timestamptz`);
    } else {
      where.push(byState[f.status] ?? 'false');
    }
  }
  return where.join(' AND ');
}

/** The figures of a task's addressees under a filter (its status aside): one aggregate query. */
export async function countAddressees(db: Queryable, taskId: string, f: AddresseeFilter): Promise<CountsRow> {
  const params: unknown[] = [taskId, f.deadlineEnd];
  const where = addresseeWhere(f, params, false);
  const { rows } = await db.query<CountsRow>(
    `SELECT ${COUNTS('$2::timestamptz')} FROM report_task_areas ra WHERE ra.task_id = $1 AND ${where}`,
    params,
  );
  return rows[0]!;
}

const TASK_AREA_COLUMNS = `ra.task_id, ra.area_code, ra.area_level, a.name AS area_name,
  ${PARENT_NAME('ra.area_code', 'ra.area_level', 'rt.area_level')} AS parent_name, ra.state, ra.answers,
  ra.submitted_answers, ra.saved_at, ra.first_submitted_at, ra.submitted_at, u.name AS submitted_by_name,
  ra.submission_count, ra.return_reason`;
const TASK_AREA_FROM = `report_task_areas ra
  JOIN report_tasks rt ON rt.id = ra.task_id
  JOIN areas a ON a.code = ra.area_code AND a.level = ra.area_level
  LEFT JOIN users u ON u.id = ra.submitted_by`;

/**
 * A page of a task's addressees in area-code order after `after` (keyset on the primary key):
 * the sender's status table and the export, under the caller's reach and the table's filters.
 */
export async function findAddresseePage(
  db: Queryable,
  taskId: string,
  f: AddresseeFilter & { after: string; limit: number },
): Promise<TaskAreaRow[]> {
  const params: unknown[] = [taskId, f.after, f.limit];
  const where = addresseeWhere(f, params, true);
  const { rows } = await db.query<TaskAreaRow>(
    `SELECT ${TASK_AREA_COLUMNS} FROM ${TASK_AREA_FROM}
      WHERE ra.task_id = $1 AND ra.area_code > $2 AND ${where}
      ORDER BY ra.area_code LIMIT $3`,
    params,
  );
  return rows;
}

/** The rows of a task for the given areas (an addressee's own areas). */
export async function findTaskAreasOf(
  db: Queryable,
  taskId: string,
  areas: { code: string; level: number }[],
): Promise<TaskAreaRow[]> {
  const { rows } = await db.query<TaskAreaRow>(
    `SELECT ${TASK_AREA_COLUMNS} FROM ${TASK_AREA_FROM}
       JOIN unnest($2::bpchar[], $3::smallint[]) AS mine (code, level)
         ON mine.code = ra.area_code AND mine.level = ra.area_level
      WHERE ra.task_id = $1 ORDER BY ra.area_code`,
    [taskId, areas.map((a) => a.code), areas.map((a) => a.level)],
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
