import type { AuditEntry, AuditListQuery } from '@linli/contract/audit';
import type { FastifyReply } from 'fastify';
import { type Actor, auditContextOf } from '../../platform/access';
import { appendAudit, sealAll, verifyAuditChain } from '../../platform/audit';
import { type Db, withTransaction } from '../../platform/db';
import { pages, sendXlsx } from '../../platform/export';
import type { PersonalDataCipher } from '../../platform/personal-data';
import { auditScopeOf as scopeFor } from './policy';
import { listAuditInScope } from './queries';
import type { AuditRow } from './tables';

export type AuditDeps = { db: Db; cipher: PersonalDataCipher };

function present(row: AuditRow): AuditEntry {
  return {
    seq: row.seq,
    at: row.at.toISOString(),
    actorId: row.actor_id,
    actorName: row.actor_name,
    actorRole: row.actor_role,
    action: row.action,
    entity: row.entity,
    entityId: row.entity_id,
    areaCode: row.area_code,
    areaFullName: row.area_full_name,
    sourceIp: row.source_ip,
    before: row.before ?? null,
    after: row.after ?? null,
  };
}

export async function listAudit(deps: AuditDeps, actor: Actor, query: AuditListQuery) {
  const rows = await listAuditInScope(deps.db, {
    ...scopeFor(actor),
    action: query.action,
    entity: query.entity,
    entityId: query.entityId,
    before: query.cursor,
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  return { items: page.map(present), nextCursor: rows.length > query.limit ? (page.at(-1)?.seq ?? null) : null };
}

/** exportAudit — the filtered audit list as .xlsx. Audits `audit.export`. */
export async function exportAudit(
  deps: AuditDeps,
  actor: Actor,
  query: Omit<AuditListQuery, 'cursor' | 'limit'>,
  reply: FastifyReply,
) {
  const { scope, national } = scopeFor(actor);
  await withTransaction(deps.db, (tx) =>
    appendAudit(tx, deps.cipher.auditKey, auditContextOf(actor, 'audit.read'), {
      action: 'audit.export',
      entity: 'audit',
      after: { filter: query },
    }),
  );
  const rows = pages(async (before: number | undefined) => {
    const batch = await listAuditInScope(deps.db, { scope, national, ...query, before, limit: 2000 });
    return {
      rows: batch.map((r) => ({
        ...present(r),
        before: r.before === null ? '' : JSON.stringify(r.before),
        after: r.after === null ? '' : JSON.stringify(r.after),
      })),
      next: batch.length === 2000 ? batch.at(-1)!.seq : undefined,
    };
  });
  return sendXlsx(reply, {
    filename: '审计日志.xlsx',
    sheet: '审计日志',
    columns: [
      { header: '序号', key: 'seq', width: 8 },
      { header: '时间', key: 'at', width: 24 },
      { header: '操作人', key: 'actorName', width: 12 },
      { header: '角色', key: 'actorRole', width: 14 },
      { header: '操作', key: 'action', width: 22 },
      { header: '对象', key: 'entity', width: 10 },
      { header: '对象编号', key: 'entityId', width: 38 },
      { header: '区划代码', key: 'areaCode', width: 14 },
      { header: '区域', key: 'areaFullName', width: 30 },
      { header: '来源地址', key: 'sourceIp', width: 16 },
      { header: '变更前', key: 'before', width: 40 },
      { header: '变更后', key: 'after', width: 40 },
    ],
    rows,
  });
}

/** Seals what has committed (so the check covers it as part of the chain), then verifies the whole chain. */
export async function verifyAudit(deps: AuditDeps, onProgress?: (done: number, total: number) => void) {
  await sealAll(deps.db, deps.cipher.auditKey);
  return verifyAuditChain(deps.db, deps.cipher.auditKey, onProgress);
}
