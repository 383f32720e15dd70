import { type OrgListQuery, orgLabels } from '@linli/contract/organizations';
import type { FastifyReply } from 'fastify';
import { type Actor, auditContextOf } from '../../platform/access';
import { appendAudit } from '../../platform/audit';
import { withTransaction } from '../../platform/db';
import { pages, sendXlsx } from '../../platform/export';
import { listOrgsInScope } from './queries';
import { listFilterOf, type OrgDeps } from './service';

const PAGE = 2000;

/** exportOrganizations — the filtered list as .xlsx, streamed page by page (no personal data). Audits `organization.export`. */
export async function exportOrganizations(
  deps: OrgDeps,
  actor: Actor,
  query: Omit<OrgListQuery, 'cursor' | 'limit'>,
  reply: FastifyReply,
) {
  const filter = listFilterOf(deps, actor, query);
  await withTransaction(deps.db, (tx) =>
    appendAudit(tx, deps.cipher.auditKey, auditContextOf(actor, 'organizations.read'), {
      action: 'organization.export',
      entity: 'organization',
      after: { filter: query },
    }),
  );
  const statusLabel: Record<string, string> = { ...orgLabels.status, pending: '备案中', notEstablished: '未予备案' };
  const rows = pages(async (after: { key: string; id: string } | undefined) => {
    const batch = await listOrgsInScope(deps.db, { ...filter, after, limit: PAGE });
    const last = batch.at(-1);
    return {
      rows: batch.map((o) => ({
        name: o.name,
        tier: orgLabels.tier[o.tier],
        category: orgLabels.category[o.category],
        hubKind: orgLabels.hubKind[o.hub_kind],
        areaCode: o.area_code,
        area: o.area_full_name ?? '',
        foundedOn: o.founded_on,
        serviceTargets: o.service_targets.map((t) => orgLabels.serviceTarget[t]).join('、'),
        venue: o.venue,
        memberCount: o.member_count,
        socialWorkers: o.social_worker_count,
        certified: o.certified_social_worker_count,
        partyOrg: orgLabels.partyOrg[o.party_org],
        charterPartyClause: o.charter_party_clause ? '是' : '否',
        creditCode: o.credit_code ?? '',
        status: statusLabel[o.status] ?? o.status,
      })),
      next: batch.length === PAGE && last ? { key: last.sort_key, id: last.id } : undefined,
    };
  });
  return sendXlsx(reply, {
    filename: '社区社会组织名录.xlsx',
    sheet: '名录',
    columns: [
      { header: '组织名称', key: 'name', width: 30 },
      { header: '类型', key: 'tier', width: 14 },
      { header: '类别', key: 'category', width: 12 },
      { header: '枢纽型', key: 'hubKind', width: 10 },
      { header: '区划代码', key: 'areaCode', width: 14 },
      { header: '所在区划', key: 'area', width: 36 },
      { header: '成立日期', key: 'foundedOn', width: 12 },
      { header: '服务对象', key: 'serviceTargets', width: 24 },
      { header: '活动场所', key: 'venue', width: 24 },
      { header: '成员人数', key: 'memberCount', width: 10 },
      { header: '社工人数', key: 'socialWorkers', width: 10 },
      { header: '持证社工', key: 'certified', width: 10 },
      { header: '党组织形式', key: 'partyOrg', width: 16 },
      { header: '章程含党建条款', key: 'charterPartyClause', width: 14 },
      { header: '统一社会信用代码', key: 'creditCode', width: 22 },
      { header: '状态', key: 'status', width: 10 },
    ],
    rows,
  });
}
