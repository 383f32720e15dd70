import { type ActivityListQuery, activityLabels } from '@linli/contract/activities';
import { orgLabels } from '@linli/contract/organizations';
import type { FastifyReply } from 'fastify';
import { type Actor, auditContextOf } from '../../platform/access';
import { appendAudit } from '../../platform/audit';
import { withTransaction } from '../../platform/db';
import { pages, sendXlsx } from '../../platform/export';
import { readAccess } from './policy';
import { listActivities } from './queries';
import { type ActivityDeps, filterOf } from './service';

const PAGE = 2000;
const time = (d: Date) =>
  d.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false, dateStyle: 'short', timeStyle: 'short' });

/** exportActivities — the filtered list as .xlsx, streamed page by page (no personal data). Audits `activity.export`. */
export async function exportActivities(
  deps: ActivityDeps,
  actor: Actor,
  query: Omit<ActivityListQuery, 'cursor' | 'limit'>,
  reply: FastifyReply,
) {
  const filter = { access: readAccess(actor), ...(await filterOf(deps.db, query)) };
  await withTransaction(deps.db, (tx) =>
    appendAudit(tx, deps.cipher.auditKey, auditContextOf(actor, 'activities.read'), {
      action: 'activity.export',
      entity: 'activity',
      after: { filter: query },
    }),
  );
  const rows = pages(async (after: { startsAt: Date; id: string } | undefined) => {
    const batch = await listActivities(deps.db, { ...filter, after, limit: PAGE });
    const last = batch.at(-1);
    return {
      rows: batch.map((a) => ({
        title: a.title,
        org: a.org_name,
        area: a.area_full_name ?? a.area_code,
        field: activityLabels.field[a.field],
        campaign: a.campaign ?? '',
        kind: activityLabels.kind[a.kind],
        startsAt: time(a.starts_at),
        endsAt: time(a.ends_at),
        place: a.venue_name ? `${a.venue_name} ${a.room_name ?? ''}`.trim() : a.address,
        targets: a.target_groups.map((t) => orgLabels.serviceTarget[t]).join('、'),
        expected: a.expected_participants,
        actual: a.actual_participants ?? '',
        beneficiaries: a.beneficiaries ?? '',
        status: activityLabels.status[a.status],
      })),
      next: batch.length === PAGE && last ? { startsAt: last.starts_at, id: last.id } : undefined,
    };
  });
  return sendXlsx(reply, {
    filename: '新时代文明实践活动.xlsx',
    sheet: '活动',
    columns: [
      { header: '活动名称', key: 'title', width: 30 },
      { header: '主办组织', key: 'org', width: 28 },
      { header: '所在区划', key: 'area', width: 36 },
      { header: '内容领域', key: 'field', width: 16 },
      { header: '主题活动', key: 'campaign', width: 16 },
      { header: '活动类型', key: 'kind', width: 12 },
      { header: '开始时间', key: 'startsAt', width: 18 },
      { header: '结束时间', key: 'endsAt', width: 18 },
      { header: '活动地点', key: 'place', width: 30 },
      { header: '服务对象', key: 'targets', width: 24 },
      { header: '预计人数', key: 'expected', width: 10 },
      { header: '实际参与人数', key: 'actual', width: 12 },
      { header: '受益人数', key: 'beneficiaries', width: 10 },
      { header: '状态', key: 'status', width: 12 },
    ],
    rows,
  });
}
