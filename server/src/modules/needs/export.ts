import { activityLabels } from '@linli/contract/activities';
import { type NeedListQuery, needLabels } from '@linli/contract/needs';
import { orgLabels } from '@linli/contract/organizations';
import type { FastifyReply } from 'fastify';
import { type Actor, auditContextOf } from '../../platform/access';
import { appendAudit } from '../../platform/audit';
import { withTransaction } from '../../platform/db';
import { pages, sendXlsx } from '../../platform/export';
import { officerReadScope } from './policy';
import { listNeeds } from './queries';
import { filterOf, type NeedDeps } from './service';

const PAGE = 2000;
const time = (d: Date | null) =>
  d
    ? d.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false, dateStyle: 'short', timeStyle: 'short' })
    : '';

/**
 * exportNeeds — the filtered list of the jurisdiction's needs as .xlsx, streamed page by page,
 * oldest first. No personal data (the contact stays out). Audits `need.export`.
 */
export async function exportNeeds(
  deps: NeedDeps,
  actor: Actor,
  query: Omit<NeedListQuery, 'cursor' | 'limit'>,
  reply: FastifyReply,
) {
  const filter = {
    access: { scope: officerReadScope(actor), orgIds: [], posterId: null },
    ...(await filterOf(deps.db, deps.now?.() ?? new Date(), query)),
  };
  await withTransaction(deps.db, (tx) =>
    appendAudit(tx, deps.cipher.auditKey, auditContextOf(actor, 'needs.read'), {
      action: 'need.export',
      entity: 'need',
      after: { filter: query },
    }),
  );
  const rows = pages(async (after: { postedAt: Date; id: string } | undefined) => {
    const batch = await listNeeds(deps.db, { ...filter, ...(after ? { after } : {}), limit: PAGE });
    const last = batch.at(-1);
    return {
      rows: batch.map((n) => ({
        title: n.title,
        field: activityLabels.field[n.field],
        target: n.service_target ? orgLabels.serviceTarget[n.service_target] : '',
        area: n.area_full_name ?? n.area_code,
        address: n.address,
        forWhom: n.for_whom,
        deadline: n.deadline,
        status: needLabels.status[n.status],
        level: needLabels.level[n.dispatch_level],
        org: n.org_name ?? '',
        fulfilment: n.fulfilment_kind ? needLabels.fulfilment[n.fulfilment_kind] : '',
        postedAt: time(n.posted_at),
        acceptedAt: time(n.accepted_at),
        doneAt: time(n.done_at),
        stars: n.stars ?? '',
      })),
      next: batch.length === PAGE && last ? { postedAt: last.posted_at, id: last.id } : undefined,
    };
  });
  return sendXlsx(reply, {
    filename: '群众需求.xlsx',
    sheet: '需求',
    columns: [
      { header: '需求', key: 'title', width: 28 },
      { header: '内容领域', key: 'field', width: 16 },
      { header: '服务对象', key: 'target', width: 12 },
      { header: '所在社区', key: 'area', width: 36 },
      { header: '地址', key: 'address', width: 28 },
      { header: '为谁服务', key: 'forWhom', width: 20 },
      { header: '期望办结日期', key: 'deadline', width: 14 },
      { header: '状态', key: 'status', width: 18 },
      { header: '派单层级', key: 'level', width: 20 },
      { header: '承接组织', key: 'org', width: 28 },
      { header: '承接方式', key: 'fulfilment', width: 14 },
      { header: '点单时间', key: 'postedAt', width: 18 },
      { header: '接单时间', key: 'acceptedAt', width: 18 },
      { header: '办结时间', key: 'doneAt', width: 18 },
      { header: '评分', key: 'stars', width: 8 },
    ],
    rows,
  });
}
