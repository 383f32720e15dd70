import { createHash } from 'node:crypto';
import { type AreaLevel, subtreeRange } from '@linli/contract/areas';
import type { FieldError } from '@linli/contract/errors';
import {
  type AddresseeChoiceQuery,
  type AddresseeChoices,
  type AddresseeList,
  AddresseeListQuery,
  type AddresseeStatus,
  type Answers,
  deadlineEnd,
  type ExtendBody,
  type FileInfo,
  type Inbox,
  isLateSubmission,
  type ReasonBody,
  type ReminderNotices,
  type ReportTask,
  ReportTaskBody,
  type ReportTaskList,
  type ReportTaskListQuery,
  type SendingAreas,
  type Submission,
  type SubmissionCounts,
  type SubmissionDisplayStatus,
} from '@linli/contract/report-tasks';
import { fileTypeFromBuffer } from 'file-type';
import { type Actor, auditContextOf, type CodeRange, isInScope } from '../../platform/access';
import { appendAudit } from '../../platform/audit';
import { type Db, type Tx, withTransaction } from '../../platform/db';
import { platformErrors } from '../../platform/errors';
import { maskName, type PersonalDataCipher } from '../../platform/personal-data';
import { checkAnswers, normalizeFields, TEMPLATE_ANSWER_FIELD } from './answers';
import { reportTaskErrors } from './errors';
import {
  actsAsSender,
  actsForArea,
  addresseeAreas,
  isSysadmin,
  levelNumber,
  levelOf,
  readerAreas,
  senderAreas,
  submissionAbilities,
  taskAbilities,
  taskReach,
} from './policy';
import * as q from './queries';
import type { CountsRow, ReportFileRow, ReportTaskRow, TaskAreaRow } from './tables';
import { nextSubmissionState, nextTaskStatus, type SubmissionAction, type TaskAction } from './task-machine';

/**
 * 填报任务 (C11; 001 三.四): an officer sends a report task to the areas of one level of their
 * jurisdiction (the child areas, or deeper: a city to its townships); the addressee areas fill it in and submit; the sender follows the figures, returns
 * a submission for changes, extends the deadline or withdraws the task; reminders before the
 * deadline. Every command is one transaction with its audit row.
 */

export type ReportTaskDeps = { db: Db; cipher: PersonalDataCipher; now?: () => Date };

const nowOf = (deps: { now?: () => Date }) => deps.now?.() ?? new Date();
/** China has one time zone and no daylight saving: the calendar day at `t`, +08:00. */
export const chinaDay = (t: Date) => new Date(t.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
const field = (path: string, code: string, message: string): FieldError => ({ path, code, message });
const fail = (errors: FieldError[]) => {
  if (errors.length > 0) {
    throw platformErrors.VALIDATION_FAILED(errors);
  }
};

// ─── presenting ──────────────────────────────────────────────────────────────

const fileUrl = (id: string) => `/api/report-task-files/${id}`;
const presentFile = (f: ReportFileRow): FileInfo => ({
  id: f.id,
  fieldId: f.field_id,
  fileName: f.file_name,
  size: f.size,
  url: fileUrl(f.id),
});

function statusOf(row: Pick<TaskAreaRow, 'state' | 'first_submitted_at'>, deadline: string) {
  const isLate = row.first_submitted_at !== null && isLateSubmission(row.first_submitted_at, deadline);
  const status: SubmissionDisplayStatus = row.state === 'submitted' && isLate ? 'late' : row.state;
  return { isLate, status };
}

function presentAddressee(row: TaskAreaRow, deadline: string): AddresseeStatus {
  return {
    areaCode: row.area_code,
    areaName: row.area_name,
    parentName: row.parent_name,
    state: row.state,
    ...statusOf(row, deadline),
    submittedAt: row.submitted_at?.toISOString() ?? null,
    submittedByName: row.submitted_by_name ? maskName(row.submitted_by_name) : null,
    returnReason: row.return_reason,
  };
}

function presentCounts(r: CountsRow): SubmissionCounts {
  return {
    addressees: r.addressees,
    notStarted: r.not_started,
    draft: r.draft,
    submitted: r.submitted,
    late: r.late,
    outstanding: r.outstanding,
    returned: r.returned,
  };
}

/** What of a task the caller reads: every addressee (`ranges` null) or those in some code ranges. */
export type TaskRead = { t: ReportTaskRow; ranges: CodeRange[] | null; counts: CountsRow };

/**
 * A task the caller reads as sender or from an area in between (policy.ts `taskReach`), with the
 * figures of the addressees they read; 404 for anyone else — also for a reader in between whose
 * subtree holds none of its addressees.
 */
export async function readTask(db: Db | Tx, actor: Actor, id: string, lock = false): Promise<TaskRead> {
  const t = await q.findTask(db, id, lock);
  const reach = t && taskReach(actor, t);
  if (!t || !reach || (!reach.isFull && reach.ranges.length === 0)) {
    throw platformErrors.NOT_FOUND();
  }
  const ranges = reach.isFull ? null : reach.ranges;
  const counts = await q.countAddressees(db, t.id, { ranges, deadlineEnd: deadlineEnd(t.deadline) });
  if (ranges && counts.addressees === 0) {
    throw platformErrors.NOT_FOUND();
  }
  return { t, ranges, counts };
}

async function presentTask(deps: ReportTaskDeps, actor: Actor, read: TaskRead): Promise<ReportTask> {
  const { t } = read;
  const template = await q.findTemplate(deps.db, t.id);
  const subareas =
    read.ranges === null && t.addressee_level > t.area_level + 1
      ? await q.findChildAreas(deps.db, t.area_code, t.area_level)
      : [];
  return {
    id: t.id,
    title: t.title,
    status: t.status,
    deadline: t.deadline,
    areaCode: t.area_code,
    areaLevel: levelOf(t.area_level),
    areaName: t.area_name,
    sentAt: t.sent_at?.toISOString() ?? null,
    createdAt: t.created_at.toISOString(),
    counts: presentCounts(read.counts),
    instructions: t.instructions,
    fields: t.fields,
    remindDaysBefore: t.remind_days_before,
    addresseeLevel: levelOf(t.addressee_level),
    allChildren: t.all_children,
    template: template ? presentFile(template) : null,
    withdrawnAt: t.withdrawn_at?.toISOString() ?? null,
    withdrawReason: t.withdraw_reason,
    isPartialView: read.ranges !== null,
    subareas: subareas.map((a) => ({ code: a.code, name: a.name })),
    abilities: taskAbilities(actor, t),
  };
}

/** Reading nodes for the list's SQL (policy.ts `readerAreas`). */
const readersOf = (actor: Actor): q.Readers =>
  readerAreas(actor).map((r) => ({ lo: r.lo, hi: r.hi, level: levelNumber(r.level) }));

// ─── reading as the sender ───────────────────────────────────────────────────

export async function listTasks(
  deps: ReportTaskDeps,
  actor: Actor,
  query: ReportTaskListQuery,
): Promise<ReportTaskList> {
  const rows = await q.listTasks(deps.db, readersOf(actor), { status: query.status });
  return {
    items: rows.map((r) => ({
      id: r.id,
      title: r.title,
      status: r.status,
      deadline: r.deadline,
      areaCode: r.area_code,
      areaName: r.area_name,
      sentAt: r.sent_at?.toISOString() ?? null,
      createdAt: r.created_at.toISOString(),
      counts: presentCounts(r),
    })),
  };
}

/** A task the caller acts on as its sender reads it whole; else 404 (nothing to see) or 403 later. */
async function senderTask(db: Db | Tx, actor: Actor, id: string, lock = false): Promise<ReportTaskRow> {
  return (await readTask(db, actor, id, lock)).t;
}

export async function getTask(deps: ReportTaskDeps, actor: Actor, id: string): Promise<ReportTask> {
  return presentTask(deps, actor, await readTask(deps.db, actor, id));
}

/** An area between the sending area and the addressee level, by code (the shallowest node of that code). */
async function withinRange(db: Db | Tx, t: ReportTaskRow, code: string | undefined): Promise<CodeRange | undefined> {
  if (!code) {
    return undefined;
  }
  const node = await q.findAreaBetween(db, code, t.area_level, t.addressee_level);
  if (!node || !isInScope({ ranges: [subtreeRange(t.area_code, levelOf(t.area_level))] }, node.code)) {
    fail([field('within', 'reportTask.within.invalid', '请选择下发单位和下发对象之间的区划')]);
  }
  return subtreeRange(node!.code, levelOf(node!.level));
}

/**
 * listAddressees — the status table of a task: a page of its addressees (those the caller reads)
 * in area-code order after `after`, filtered by display status and by an area in between, with
 * the figures of every status under the same `within` (one aggregate).
 */
export async function listAddressees(
  deps: ReportTaskDeps,
  actor: Actor,
  id: string,
  input: AddresseeListQuery,
): Promise<AddresseeList> {
  const query = AddresseeListQuery.parse(input);
  const { t, ranges } = await readTask(deps.db, actor, id);
  const within = await withinRange(deps.db, t, query.within);
  const filter = { ranges, within, status: query.status, deadlineEnd: deadlineEnd(t.deadline) };
  const rows = await q.findAddresseePage(deps.db, t.id, {
    ...filter,
    after: query.after ?? '',
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const counts = await q.countAddressees(deps.db, t.id, filter);
  return {
    items: page.map((r) => presentAddressee(r, t.deadline)),
    next: rows.length > query.limit ? (page.at(-1)?.area_code ?? null) : null,
    counts: presentCounts(counts),
  };
}

/** The levels below `level` a task can go to: down to community. */
const deeperLevels = (level: AreaLevel) => levelNumber(level) + 1;

/** sendingAreas — where the caller sends from (their own nodes), the child areas and the deeper levels with their counts. */
export async function sendingAreas(deps: ReportTaskDeps, actor: Actor): Promise<SendingAreas> {
  const items: SendingAreas['items'] = [];
  for (const a of senderAreas(actor)) {
    const node = await q.findAreaNode(deps.db, a.code, levelNumber(a.level));
    const children = await q.findChildAreas(deps.db, a.code, levelNumber(a.level));
    const levels = (await q.countAreasByLevel(deps.db, subtreeRange(a.code, a.level), levelNumber(a.level))).filter(
      (l) => l.count > 0 && l.level >= deeperLevels(a.level),
    );
    if (node && levels.length > 0) {
      items.push({
        code: a.code,
        level: a.level,
        name: node.name,
        children: children.map((c) => ({ code: c.code, name: c.name })),
        levels: levels.map((l) => ({ level: levelOf(l.level), count: l.count })),
      });
    }
  }
  return { items };
}

/**
 * addresseeChoices — the form's area picker: areas of the chosen level in the sending area's subtree
 * (and inside `within`), whose name contains `q`, with the areas in between.
 */
export async function addresseeChoices(
  deps: ReportTaskDeps,
  actor: Actor,
  query: ReturnType<typeof AddresseeChoiceQuery.parse>,
): Promise<AddresseeChoices> {
  const area = sendingArea(actor, { areaCode: query.areaCode, areaLevel: query.areaLevel });
  const level = addresseeLevelOf(area, query.level);
  let range = subtreeRange(area.code, levelOf(area.level));
  if (query.within) {
    const node = await q.findAreaBetween(deps.db, query.within, area.level, level);
    if (!node || !isInScope({ ranges: [range] }, node.code)) {
      fail([field('within', 'reportTask.within.invalid', '请选择下发单位和下发对象之间的区划')]);
    }
    range = subtreeRange(node!.code, levelOf(node!.level));
  }
  const rows = await q.searchAreasAtLevel(deps.db, {
    range,
    level,
    above: area.level,
    q: query.q ?? '',
    limit: query.limit,
  });
  return { items: rows.map((r) => ({ code: r.code, name: r.name, parentName: r.parent_name })) };
}

// ─── sender commands ─────────────────────────────────────────────────────────

type ParsedBody = ReturnType<typeof ReportTaskBody.parse>;

/** The sending area: the one named, else the current area, else the caller's only one. */
function sendingArea(actor: Actor, body: Pick<ParsedBody, 'areaCode' | 'areaLevel'>): { code: string; level: number } {
  const mine = senderAreas(actor);
  if (body.areaCode) {
    const named = mine.find((a) => a.code === body.areaCode && (!body.areaLevel || a.level === body.areaLevel));
    if (named) {
      return { code: named.code, level: levelNumber(named.level) };
    }
    if (isSysadmin(actor) && body.areaLevel && levelNumber(body.areaLevel) <= levelNumber('township')) {
      return { code: body.areaCode, level: levelNumber(body.areaLevel) };
    }
    throw platformErrors.VALIDATION_FAILED([
      field('areaCode', 'reportTask.area.notYours', '只能从您任职的区划下发填报任务'),
    ]);
  }
  const current = actor.currentArea && mine.find((a) => a.code === actor.currentArea?.code);
  const only = mine.length === 1 ? mine[0] : undefined;
  const chosen = current || only;
  if (!chosen) {
    throw platformErrors.VALIDATION_FAILED([field('areaCode', 'reportTask.area.choose', '请选择以哪个区划的名义下发')]);
  }
  return { code: chosen.code, level: levelNumber(chosen.level) };
}

/** The addressee level: one level below the sending area unless a deeper one (down to community) is named. */
function addresseeLevelOf(area: { level: number }, named: AreaLevel | undefined, path = 'level'): number {
  const level = named ? levelNumber(named) : area.level + 1;
  if (level <= area.level || level > levelNumber('community')) {
    fail([field(path, 'reportTask.addresseeLevel.invalid', '下发对象的层级应低于下发单位，最低到村（社区）')]);
  }
  return level;
}

/**
 * Checks the body against the sending area: fields, deadline, the addressee level and, when areas
 * are chosen, that each lies in the sending area's subtree (`reportTask.addressees.outside`) at
 * that level (`reportTask.addressees.wrongLevel`). Returns what to write and how to resolve the addressees.
 */
async function checkTaskBody(
  deps: ReportTaskDeps,
  db: Db | Tx,
  area: { code: string; level: number },
  body: ParsedBody,
) {
  const errors: FieldError[] = [];
  const { fields, errors: fieldErrors } = normalizeFields(body.fields);
  errors.push(...fieldErrors);
  if (body.deadline < chinaDay(nowOf(deps))) {
    errors.push(field('deadline', 'reportTask.deadline.past', '截止日期不能早于今天'));
  }
  const level = addresseeLevelOf(area, body.addresseeLevel, 'addresseeLevel');
  const range = subtreeRange(area.code, levelOf(area.level));
  const codes = body.allChildren ? null : [...new Set(body.addresseeCodes)];
  if (codes) {
    const found = new Set((await q.findAreasAtLevel(db, codes, level, range)).map((a) => a.code));
    body.addresseeCodes.forEach((code, i) => {
      if (!isInScope({ ranges: [range] }, code)) {
        errors.push(field(`addresseeCodes.${i}`, 'reportTask.addressees.outside', '只能下发给本辖区内的区划'));
      } else if (!found.has(code)) {
        errors.push(
          field(`addresseeCodes.${i}`, 'reportTask.addressees.wrongLevel', '所选区划不在所选的下发层级，请重新选择'),
        );
      }
    });
  }
  fail(errors);
  return {
    write: {
      title: body.title,
      instructions: body.instructions,
      fields,
      deadline: body.deadline,
      remindDaysBefore: body.remindDaysBefore,
      addresseeLevel: level,
      allChildren: body.allChildren,
    },
    addressees: { level, range, codes },
  };
}

/** What the audit keeps of the addressees: the level, all or the chosen codes (≤ 1000), how many. */
const addresseeAudit = (a: { level: number; codes: string[] | null }, count: number) => ({
  addresseeLevel: levelOf(a.level),
  addressees: a.codes ?? 'all',
  addresseeCount: count,
});

async function audit(
  tx: Tx,
  deps: ReportTaskDeps,
  actor: Actor | null,
  permission: 'reportTasks.send' | 'reportTasks.submit',
  entry: { action: string; entity: string; entityId: string; areaCode: string; before?: unknown; after?: unknown },
) {
  await appendAudit(tx, deps.cipher.auditKey, auditContextOf(actor, permission, entry.areaCode), {
    before: null,
    after: null,
    ...entry,
  });
}

/** createTask — a draft task from the caller's area (audited `reportTask.create`). */
export async function createTask(deps: ReportTaskDeps, actor: Actor, input: ReportTaskBody): Promise<ReportTask> {
  const body = ReportTaskBody.parse(input);
  const area = sendingArea(actor, body);
  const id = await withTransaction(deps.db, async (tx) => {
    const checked = await checkTaskBody(deps, tx, area, body);
    const taskId = await q.insertTask(tx, {
      ...checked.write,
      areaCode: area.code,
      areaLevel: area.level,
      createdBy: actor.userId,
    });
    const count = await q.replaceAddressees(tx, taskId, checked.addressees);
    await audit(tx, deps, actor, 'reportTasks.send', {
      action: 'reportTask.create',
      entity: 'reportTask',
      entityId: taskId,
      areaCode: area.code,
      after: { ...checked.write, ...addresseeAudit(checked.addressees, count) },
    });
    return taskId;
  });
  return getTask(deps, actor, id);
}

/** Locks a task the caller sends and checks the machine allows `action`; 404 / 403 / 409 otherwise. */
async function taskForAction(tx: Tx, actor: Actor, id: string, action: TaskAction) {
  const t = await senderTask(tx, actor, id, true);
  if (!actsAsSender(actor, t)) {
    throw platformErrors.FORBIDDEN();
  }
  const next = nextTaskStatus(t.status, action);
  if (next === null) {
    throw action === 'edit' && t.status !== 'draft'
      ? reportTaskErrors.REPORT_TASK_NOT_EDITABLE()
      : reportTaskErrors.REPORT_TASK_ILLEGAL_TRANSITION();
  }
  return t;
}

/** updateTask — edits a draft: form, deadline, addressees (audited `reportTask.update`). Sent tasks: 409. */
export async function updateTask(
  deps: ReportTaskDeps,
  actor: Actor,
  id: string,
  input: ReportTaskBody,
): Promise<ReportTask> {
  const body = ReportTaskBody.parse(input);
  await withTransaction(deps.db, async (tx) => {
    const t = await taskForAction(tx, actor, id, 'edit');
    const checked = await checkTaskBody(deps, tx, { code: t.area_code, level: t.area_level }, body);
    await q.updateDraft(tx, id, checked.write);
    const count = await q.replaceAddressees(tx, id, checked.addressees);
    await audit(tx, deps, actor, 'reportTasks.send', {
      action: 'reportTask.update',
      entity: 'reportTask',
      entityId: id,
      areaCode: t.area_code,
      before: { title: t.title, fields: t.fields, deadline: t.deadline, addresseeLevel: levelOf(t.addressee_level) },
      after: { ...checked.write, ...addresseeAudit(checked.addressees, count) },
    });
  });
  return getTask(deps, actor, id);
}

/** discardTask — deletes a draft (audited `reportTask.discard`). */
export async function discardTask(deps: ReportTaskDeps, actor: Actor, id: string): Promise<{ ok: true }> {
  await withTransaction(deps.db, async (tx) => {
    const t = await taskForAction(tx, actor, id, 'discard');
    await q.deleteDraft(tx, id);
    await audit(tx, deps, actor, 'reportTasks.send', {
      action: 'reportTask.discard',
      entity: 'reportTask',
      entityId: id,
      areaCode: t.area_code,
      before: { title: t.title },
    });
  });
  return { ok: true };
}

/**
 * sendTask — fixes the form and addresses the task (audited `reportTask.send`). Needs a deadline
 * not in the past, at least one addressee, and fields or a template; with only a template the
 * areas answer with the filled-in file (TEMPLATE_ANSWER_FIELD). "All areas of the level" is resolved
 * again now, in one statement (a city's communities are thousands).
 */
export async function sendTask(deps: ReportTaskDeps, actor: Actor, id: string): Promise<ReportTask> {
  const now = nowOf(deps);
  await withTransaction(deps.db, async (tx) => {
    const t = await taskForAction(tx, actor, id, 'send');
    const errors: FieldError[] = [];
    if (t.deadline < chinaDay(now)) {
      errors.push(field('deadline', 'reportTask.deadline.past', '截止日期不能早于今天'));
    }
    const spec = {
      level: t.addressee_level,
      range: subtreeRange(t.area_code, levelOf(t.area_level)),
      codes: null,
    };
    const count = t.all_children
      ? await q.replaceAddressees(tx, id, spec)
      : (await q.countAddressees(tx, id, { ranges: null, deadlineEnd: deadlineEnd(t.deadline) })).addressees;
    if (count === 0) {
      errors.push(field('addresseeCodes', 'reportTask.addressees.empty', '请至少选择一个下发对象'));
    }
    const template = await q.findTemplate(tx, id);
    if (t.fields.length === 0 && !template) {
      errors.push(field('fields', 'reportTask.fields.empty', '请添加表单项或上传模板文件'));
    }
    fail(errors);
    const fields = t.fields.length > 0 ? t.fields : [TEMPLATE_ANSWER_FIELD];
    await q.markSent(tx, id, fields, actor.userId, now);
    await audit(tx, deps, actor, 'reportTasks.send', {
      action: 'reportTask.send',
      entity: 'reportTask',
      entityId: id,
      areaCode: t.area_code,
      after: {
        deadline: t.deadline,
        addresseeLevel: levelOf(t.addressee_level),
        allChildren: t.all_children,
        addresseeCount: count,
        fieldCount: fields.length,
      },
    });
  });
  return getTask(deps, actor, id);
}

/** extendDeadline — a later deadline for a sent task (audited `reportTask.extend`); lateness follows the new one. */
export async function extendDeadline(
  deps: ReportTaskDeps,
  actor: Actor,
  id: string,
  body: ExtendBody,
): Promise<ReportTask> {
  await withTransaction(deps.db, async (tx) => {
    const t = await taskForAction(tx, actor, id, 'extend');
    if (body.deadline <= t.deadline) {
      fail([field('deadline', 'reportTask.deadline.notLater', `新的截止日期应晚于原截止日期 ${t.deadline}`)]);
    }
    await q.setDeadline(tx, id, body.deadline);
    await audit(tx, deps, actor, 'reportTasks.send', {
      action: 'reportTask.extend',
      entity: 'reportTask',
      entityId: id,
      areaCode: t.area_code,
      before: { deadline: t.deadline },
      after: { deadline: body.deadline, reason: body.reason ?? null },
    });
  });
  return getTask(deps, actor, id);
}

/** withdrawTask — closes a sent task with a reason (audited `reportTask.withdraw`); nothing can be submitted after. */
export async function withdrawTask(deps: ReportTaskDeps, actor: Actor, id: string, body: ReasonBody) {
  const now = nowOf(deps);
  await withTransaction(deps.db, async (tx) => {
    const t = await taskForAction(tx, actor, id, 'withdraw');
    await q.markWithdrawn(tx, id, body.reason, actor.userId, now);
    await audit(tx, deps, actor, 'reportTasks.send', {
      action: 'reportTask.withdraw',
      entity: 'reportTask',
      entityId: id,
      areaCode: t.area_code,
      before: { status: t.status },
      after: { status: 'withdrawn', reason: body.reason },
    });
  });
  return getTask(deps, actor, id);
}

// ─── files ───────────────────────────────────────────────────────────────────

export const FILE_MAX_BYTES = 20 * 1024 * 1024;
const MAX_FILES_PER_AREA = 50;
const OLE_EXTENSIONS = /\.(doc|xls|ppt|wps|et)$/i;

/** The file's real type from its first bytes: documents, spreadsheets, images, PDF or ZIP. */
async function allowedFileType(fileName: string, content: Buffer): Promise<string | null> {
  const detected = await fileTypeFromBuffer(content);
  switch (detected?.ext) {
    case 'pdf':
    case 'docx':
    case 'xlsx':
    case 'pptx':
    case 'jpg':
    case 'png':
    case 'zip':
      return detected.ext;
    case 'cfb': {
      const ext = fileName.match(OLE_EXTENSIONS)?.[1]?.toLowerCase();
      return ext ?? null;
    }
    default:
      return null;
  }
}

const cleanFileName = (name: string, fallback: string) =>
  name
    .normalize('NFC')
    .split('')
    .map((ch) => (ch < ' ' || ch === '/' || ch === '\\' ? '_' : ch))
    .join('')
    .slice(-200) || fallback;

async function checkedFile(file: { fileName: string; content: Buffer }) {
  if (file.content.length === 0) {
    fail([field('file', 'reportTask.file.empty', '上传的文件是空的')]);
  }
  if (file.content.length > FILE_MAX_BYTES) {
    fail([field('file', 'reportTask.file.tooLarge', '文件不能超过 20 MB')]);
  }
  const fileType = await allowedFileType(file.fileName, file.content);
  if (!fileType) {
    throw reportTaskErrors.REPORT_FILE_NOT_ALLOWED([
      field('file', 'reportTask.file.type', '请上传 PDF、Word、Excel、WPS、图片或 ZIP 文件'),
    ]);
  }
  return {
    fileType,
    fileName: cleanFileName(file.fileName, `附件.${fileType}`),
    sha256: createHash('sha256').update(file.content).digest(),
  };
}

/** uploadTemplate — the template file of a draft, replacing an earlier one (audited `reportTask.templateUpload`). */
export async function uploadTemplate(
  deps: ReportTaskDeps,
  actor: Actor,
  id: string,
  file: { fileName: string; content: Buffer },
): Promise<ReportTask> {
  const checked = await checkedFile(file);
  await withTransaction(deps.db, async (tx) => {
    const t = await taskForAction(tx, actor, id, 'edit');
    const before = await q.deleteTemplate(tx, id);
    const row = await q.insertFile(tx, {
      taskId: id,
      areaCode: null,
      fieldId: null,
      ...checked,
      content: file.content,
      uploadedBy: actor.userId,
    });
    await audit(tx, deps, actor, 'reportTasks.send', {
      action: 'reportTask.templateUpload',
      entity: 'reportTask',
      entityId: id,
      areaCode: t.area_code,
      before: before && { fileName: before.file_name },
      after: { fileId: row.id, fileName: row.file_name, size: row.size, sha256: checked.sha256.toString('hex') },
    });
  });
  return getTask(deps, actor, id);
}

export async function removeTemplate(deps: ReportTaskDeps, actor: Actor, id: string): Promise<ReportTask> {
  await withTransaction(deps.db, async (tx) => {
    const t = await taskForAction(tx, actor, id, 'edit');
    const before = await q.deleteTemplate(tx, id);
    if (before) {
      await audit(tx, deps, actor, 'reportTasks.send', {
        action: 'reportTask.templateRemove',
        entity: 'reportTask',
        entityId: id,
        areaCode: t.area_code,
        before: { fileName: before.file_name },
      });
    }
  });
  return getTask(deps, actor, id);
}

/**
 * A file for whoever may see it: the sender side (the task is in their jurisdiction) sees every
 * file of the task, a reader in between the template and its subtree's attachments; an addressee sees the template of a task addressed to them and their own area's
 * attachments. Anything else is 404.
 */
export async function readFile(deps: ReportTaskDeps, actor: Actor, fileId: string) {
  const f = await q.findFile(deps.db, fileId);
  const t = f && (await q.findTask(deps.db, f.task_id));
  if (!f || !t) {
    throw platformErrors.NOT_FOUND();
  }
  const reach = taskReach(actor, t);
  // the sender side: the whole task, or (from an area in between) the template and its subtree's attachments
  let isAllowed =
    reach.isFull ||
    (reach.ranges.length > 0 &&
      (f.area_code === null
        ? (await q.countAddressees(deps.db, t.id, { ranges: reach.ranges, deadlineEnd: deadlineEnd(t.deadline) }))
            .addressees > 0
        : isInScope({ ranges: reach.ranges }, f.area_code)));
  if (!isAllowed && t.status !== 'draft') {
    const mine = addresseeAreas(actor).map((a) => ({ code: a.code, level: levelNumber(a.level) }));
    const areas = mine.length > 0 ? await q.findTaskAreasOf(deps.db, t.id, mine) : [];
    isAllowed = areas.some((a) => actsForArea(actor, a) && (f.area_code === null || f.area_code === a.area_code));
  }
  const content = isAllowed ? await q.findFileContent(deps.db, fileId) : null;
  if (!content) {
    throw platformErrors.NOT_FOUND();
  }
  return { fileName: f.file_name, fileType: f.file_type, content };
}

// ─── addressee side ──────────────────────────────────────────────────────────

export async function listInbox(deps: ReportTaskDeps, actor: Actor): Promise<Inbox> {
  const areas = addresseeAreas(actor).map((a) => ({ code: a.code, level: levelNumber(a.level) }));
  const now = nowOf(deps);
  const rows = areas.length > 0 ? await q.findInbox(deps.db, areas) : [];
  return {
    items: rows.map((r) => ({
      taskId: r.task_id,
      title: r.title,
      senderAreaName: r.sender_area_name,
      taskStatus: r.task_status,
      deadline: r.deadline,
      areaCode: r.area_code,
      areaName: r.area_name,
      state: r.state,
      ...statusOf(r, r.deadline),
      isOverdue: r.task_status === 'sent' && r.state !== 'submitted' && now >= deadlineEnd(r.deadline),
      submittedAt: r.submitted_at?.toISOString() ?? null,
      returnReason: r.return_reason,
    })),
  };
}

export async function listReminders(deps: ReportTaskDeps, actor: Actor): Promise<ReminderNotices> {
  const areas = addresseeAreas(actor).map((a) => ({ code: a.code, level: levelNumber(a.level) }));
  const rows = areas.length > 0 ? await q.findOpenReminders(deps.db, areas) : [];
  return {
    items: rows.map((r) => ({
      taskId: r.task_id,
      title: r.title,
      areaCode: r.area_code,
      areaName: r.area_name,
      milestone: r.milestone,
      deadline: r.deadline,
      createdAt: r.created_at.toISOString(),
    })),
  };
}

type Side = 'addressee' | 'sender';

/**
 * The task and one area's submission, for its addressee (sent or withdrawn tasks; the working
 * copy of the answers) or for the sender side (the answers as last submitted; a reader in between
 * only for the areas of their subtree). 404 for anyone else.
 */
async function loadSubmission(db: Db | Tx, actor: Actor, taskId: string, areaCode: string, side: Side, lock = false) {
  const t = await q.findTask(db, taskId, lock);
  const s = t && (await q.findTaskArea(db, taskId, areaCode, lock));
  const reach = t && taskReach(actor, t);
  const isVisible =
    t &&
    s &&
    reach &&
    (side === 'sender'
      ? reach.isFull || isInScope({ ranges: reach.ranges }, s.area_code)
      : t.status !== 'draft' && actsForArea(actor, s));
  if (!t || !s || !isVisible) {
    throw platformErrors.NOT_FOUND();
  }
  return { t, s };
}

async function presentSubmission(
  deps: ReportTaskDeps,
  actor: Actor,
  t: ReportTaskRow,
  s: TaskAreaRow,
  side: Side,
): Promise<Submission> {
  const template = await q.findTemplate(deps.db, t.id);
  const answers = (side === 'sender' ? (s.submitted_answers ?? {}) : s.answers) as Answers;
  const referenced = new Set(Object.values(answers).filter((v): v is string => typeof v === 'string'));
  const files = (await q.findAreaFiles(deps.db, t.id, s.area_code)).filter(
    (f) => side === 'addressee' || referenced.has(f.id),
  );
  return {
    task: {
      id: t.id,
      title: t.title,
      instructions: t.instructions,
      status: t.status,
      deadline: t.deadline,
      senderAreaName: t.area_name,
      fields: t.fields,
      template: template ? presentFile(template) : null,
    },
    areaCode: s.area_code,
    areaName: s.area_name,
    state: s.state,
    ...statusOf(s, t.deadline),
    answers,
    files: files.map(presentFile),
    savedAt: side === 'addressee' ? (s.saved_at?.toISOString() ?? null) : null,
    submittedAt: s.submitted_at?.toISOString() ?? null,
    submittedByName: s.submitted_by_name ? maskName(s.submitted_by_name) : null,
    returnReason: s.return_reason,
    abilities: submissionAbilities(actor, t, s),
  };
}

export async function getMySubmission(deps: ReportTaskDeps, actor: Actor, taskId: string, areaCode: string) {
  const { t, s } = await loadSubmission(deps.db, actor, taskId, areaCode, 'addressee');
  return presentSubmission(deps, actor, t, s, 'addressee');
}

export async function getSubmissionForSender(deps: ReportTaskDeps, actor: Actor, taskId: string, areaCode: string) {
  const { t, s } = await loadSubmission(deps.db, actor, taskId, areaCode, 'sender');
  return presentSubmission(deps, actor, t, s, 'sender');
}

/** The locked task and submission an addressee acts on, with the machine's next state. */
async function submissionForAction(tx: Tx, actor: Actor, taskId: string, areaCode: string, action: SubmissionAction) {
  const { t, s } = await loadSubmission(tx, actor, taskId, areaCode, 'addressee', true);
  const next = nextSubmissionState(t.status, s.state, action);
  if (next === null) {
    throw t.status === 'withdrawn'
      ? reportTaskErrors.REPORT_TASK_NOT_OPEN()
      : reportTaskErrors.REPORT_SUBMISSION_ILLEGAL_TRANSITION();
  }
  return { t, s, next };
}

async function checkedAnswers(tx: Tx, t: ReportTaskRow, areaCode: string, answers: Answers, mode: 'draft' | 'submit') {
  const files = new Map((await q.findAreaFiles(tx, t.id, areaCode)).map((f) => [f.id, f.field_id ?? '']));
  const checked = checkAnswers(t.fields, answers, { mode, files });
  fail(checked.errors);
  return checked.answers;
}

/** saveDraft — keeps the area's answers without submitting (shapes checked, required fields not yet). */
export async function saveDraft(
  deps: ReportTaskDeps,
  actor: Actor,
  taskId: string,
  areaCode: string,
  answers: Answers,
): Promise<Submission> {
  const now = nowOf(deps);
  await withTransaction(deps.db, async (tx) => {
    const { t, s, next } = await submissionForAction(tx, actor, taskId, areaCode, 'save');
    const clean = await checkedAnswers(tx, t, areaCode, answers, 'draft');
    await q.saveAnswers(tx, { taskId, areaCode }, { state: next, answers: clean, by: actor.userId, at: now });
    await audit(tx, deps, actor, 'reportTasks.submit', {
      action: 'reportSubmission.save',
      entity: 'reportTask',
      entityId: taskId,
      areaCode,
      before: { state: s.state },
      after: { state: next, answers: clean },
    });
  });
  return getMySubmission(deps, actor, taskId, areaCode);
}

/**
 * submit — the area's answers, every field checked against its definition (audited
 * `reportSubmission.submit`). Accepted after the deadline too: the first submission's time
 * decides whether the area was late (end of the deadline day, Asia/Shanghai).
 */
export async function submit(
  deps: ReportTaskDeps,
  actor: Actor,
  taskId: string,
  areaCode: string,
  answers: Answers,
): Promise<Submission> {
  const now = nowOf(deps);
  await withTransaction(deps.db, async (tx) => {
    const { t, s } = await submissionForAction(tx, actor, taskId, areaCode, 'submit');
    const clean = await checkedAnswers(tx, t, areaCode, answers, 'submit');
    await q.submitAnswers(tx, { taskId, areaCode }, { answers: clean, by: actor.userId, at: now });
    await audit(tx, deps, actor, 'reportTasks.submit', {
      action: 'reportSubmission.submit',
      entity: 'reportTask',
      entityId: taskId,
      areaCode,
      before: { state: s.state },
      after: {
        state: 'submitted',
        answers: clean,
        isLate: isLateSubmission(s.first_submitted_at ?? now, t.deadline),
      },
    });
  });
  return getMySubmission(deps, actor, taskId, areaCode);
}

/** returnSubmission — the sender sends a submission back for changes with a reason (audited `reportSubmission.return`). */
export async function returnSubmission(
  deps: ReportTaskDeps,
  actor: Actor,
  taskId: string,
  areaCode: string,
  body: ReasonBody,
): Promise<Submission> {
  const now = nowOf(deps);
  await withTransaction(deps.db, async (tx) => {
    const { t, s } = await loadSubmission(tx, actor, taskId, areaCode, 'sender', true);
    if (!actsAsSender(actor, t)) {
      throw platformErrors.FORBIDDEN();
    }
    if (nextSubmissionState(t.status, s.state, 'return') === null) {
      throw t.status === 'withdrawn'
        ? reportTaskErrors.REPORT_TASK_NOT_OPEN()
        : reportTaskErrors.REPORT_SUBMISSION_ILLEGAL_TRANSITION();
    }
    await q.markReturned(tx, { taskId, areaCode }, { reason: body.reason, by: actor.userId, at: now });
    await audit(tx, deps, actor, 'reportTasks.send', {
      action: 'reportSubmission.return',
      entity: 'reportTask',
      entityId: taskId,
      areaCode,
      before: { state: s.state },
      after: { state: 'returned', reason: body.reason },
    });
  });
  return getSubmissionForSender(deps, actor, taskId, areaCode);
}

/** uploadAnswerFile — an attachment for a file field of the area's answers (audited `reportSubmission.fileUpload`). */
export async function uploadAnswerFile(
  deps: ReportTaskDeps,
  actor: Actor,
  taskId: string,
  areaCode: string,
  fieldId: string,
  file: { fileName: string; content: Buffer },
): Promise<FileInfo> {
  const checked = await checkedFile(file);
  return withTransaction(deps.db, async (tx) => {
    const { t } = await submissionForAction(tx, actor, taskId, areaCode, 'save');
    if (!t.fields.some((f) => f.id === fieldId && f.kind === 'file')) {
      fail([field('fieldId', 'reportTask.file.notFileField', '该表单项不是附件项')]);
    }
    if ((await q.findAreaFiles(tx, taskId, areaCode)).length >= MAX_FILES_PER_AREA) {
      fail([field('file', 'reportTask.file.tooMany', `每项填报最多上传${MAX_FILES_PER_AREA}个附件`)]);
    }
    const row = await q.insertFile(tx, {
      taskId,
      areaCode,
      fieldId,
      ...checked,
      content: file.content,
      uploadedBy: actor.userId,
    });
    await audit(tx, deps, actor, 'reportTasks.submit', {
      action: 'reportSubmission.fileUpload',
      entity: 'reportTask',
      entityId: taskId,
      areaCode,
      after: {
        fileId: row.id,
        fieldId,
        fileName: row.file_name,
        size: row.size,
        sha256: checked.sha256.toString('hex'),
      },
    });
    return presentFile(row);
  });
}

// ─── reminders ───────────────────────────────────────────────────────────────

/**
 * sweepReminders — creates the reminder notices due today (China day of `now`) for addressee
 * areas that have not submitted: one per task, area, milestone and deadline however often it
 * runs and on however many servers (the table's key). One audit row per task that got notices
 * (`reportTask.remind`, by the system). Returns how many notices were created.
 */
export async function sweepReminders(deps: ReportTaskDeps): Promise<number> {
  const today = chinaDay(nowOf(deps));
  return withTransaction(deps.db, async (tx) => {
    const created = await q.insertDueReminders(tx, today);
    const byTask = new Map<string, typeof created>();
    for (const r of created) {
      byTask.set(r.task_id, [...(byTask.get(r.task_id) ?? []), r]);
    }
    for (const [taskId, rows] of byTask) {
      const t = await q.findTask(tx, taskId);
      await appendAudit(tx, deps.cipher.auditKey, auditContextOf(null), {
        action: 'reportTask.remind',
        entity: 'reportTask',
        entityId: taskId,
        areaCode: t?.area_code ?? null,
        before: null,
        after: { day: today, reminders: rows.map((r) => ({ areaCode: r.area_code, milestone: r.milestone })) },
      });
    }
    return created.length;
  });
}
