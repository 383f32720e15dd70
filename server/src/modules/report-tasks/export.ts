import type { AnswerValue, ReportField, SubmissionDisplayStatus } from '@linli/contract/report-tasks';
import { deadlineEnd, isLateSubmission } from '@linli/contract/report-tasks';
import type { FastifyReply } from 'fastify';
import { type Actor, auditContextOf } from '../../platform/access';
import { appendAudit } from '../../platform/audit';
import { withTransaction } from '../../platform/db';
import { type ExportColumn, pages, sendXlsx } from '../../platform/export';
import * as q from './queries';
import { type ReportTaskDeps, readTask } from './service';

/** Areas per page: the workbook is streamed, so memory holds one page of answers and their file names. */
const PAGE = 100;

const statusLabels: Record<SubmissionDisplayStatus, string> = {
  notStarted: '未开始',
  draft: '已暂存',
  submitted: '已提交',
  late: '逾期提交',
  returned: '已退回修改',
};

const time = (d: Date | null) =>
  d
    ? d.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false, dateStyle: 'short', timeStyle: 'short' })
    : '';

const header = (f: ReportField) => (f.kind === 'number' && f.unit ? `${f.label}（${f.unit}）` : f.label);

/**
 * exportAnswers — one workbook for a task: a row per addressee area the caller reads (code, name,
 * the areas in between when the task went deeper than one level, status, time, lateness) and a column per field with the answers as last submitted; attachments as their file
 * name linking to the download address. Streamed a page of areas at a time. Audits `reportTask.export`.
 */
export async function exportAnswers(
  deps: ReportTaskDeps,
  actor: Actor,
  taskId: string,
  origin: string,
  reply: FastifyReply,
) {
  const { t, ranges } = await readTask(deps.db, actor, taskId);
  await withTransaction(deps.db, (tx) =>
    appendAudit(tx, deps.cipher.auditKey, auditContextOf(actor, 'reportTasks.send', t.area_code), {
      action: 'reportTask.export',
      entity: 'reportTask',
      entityId: t.id,
      areaCode: t.area_code,
      after: { title: t.title, isPartial: ranges !== null },
    }),
  );
  const columns: ExportColumn[] = [
    { header: '区划代码', key: 'areaCode', width: 16 },
    { header: '区划名称', key: 'areaName', width: 20 },
    ...(t.addressee_level > t.area_level + 1 ? [{ header: '所属区划', key: 'parentName', width: 24 }] : []),
    { header: '状态', key: 'status', width: 12 },
    { header: '提交时间', key: 'submittedAt', width: 18 },
    { header: '是否逾期', key: 'isLate', width: 10 },
    ...t.fields.map((f, i) => ({ header: header(f), key: `f${i}`, width: f.kind === 'longText' ? 48 : 20 })),
  ];
  const rows = pages(async (after: string | undefined) => {
    const batch = await q.findAddresseePage(deps.db, t.id, {
      ranges,
      deadlineEnd: deadlineEnd(t.deadline),
      after: after ?? '',
      limit: PAGE,
    });
    const fileIds = batch.flatMap((s) =>
      t.fields
        .filter((f) => f.kind === 'file')
        .map((f) => s.submitted_answers?.[f.id])
        .filter((v): v is string => typeof v === 'string'),
    );
    const files = new Map((await q.findFilesByIds(deps.db, t.id, fileIds)).map((f) => [f.id, f]));
    return {
      rows: batch.map((s) => {
        const isLate = s.first_submitted_at !== null && isLateSubmission(s.first_submitted_at, t.deadline);
        const status: SubmissionDisplayStatus = s.state === 'submitted' && isLate ? 'late' : s.state;
        const row: Record<string, unknown> = {
          areaCode: s.area_code,
          areaName: s.area_name,
          parentName: s.parent_name ?? '',
          status: statusLabels[status],
          submittedAt: time(s.submitted_at),
          isLate: s.first_submitted_at ? (isLate ? '是' : '否') : '',
        };
        t.fields.forEach((f, i) => {
          const v = s.submitted_answers?.[f.id] as AnswerValue | undefined;
          if (v === undefined || v === null) {
            row[`f${i}`] = '';
          } else if (f.kind === 'file') {
            const file = typeof v === 'string' ? files.get(v) : undefined;
            row[`f${i}`] = file
              ? { text: file.file_name, hyperlink: `${origin}/api/report-task-files/${file.id}` }
              : '';
          } else if (Array.isArray(v)) {
            row[`f${i}`] = v.join('、');
          } else {
            row[`f${i}`] = v;
          }
        });
        return row;
      }),
      next: batch.length === PAGE ? batch.at(-1)?.area_code : undefined,
    };
  });
  return sendXlsx(reply, {
    filename: `${t.title}-填报汇总.xlsx`,
    sheet: '填报汇总',
    columns,
    rows,
  });
}
