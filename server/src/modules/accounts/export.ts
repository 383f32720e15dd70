import type { UserListQuery } from '@linli/contract/accounts';
import type { FastifyReply } from 'fastify';
import { type Actor, auditContextOf, scopeOf } from '../../platform/access';
import { appendAudit } from '../../platform/audit';
import { withTransaction } from '../../platform/db';
import { pages, sendXlsx } from '../../platform/export';
import { maskMobile } from '../../platform/personal-data';
import { grantsOfUsers } from '../access/index';
import { listUsersInScope } from './queries';
import type { AccountDeps } from './service';

const STATUS = { active: '正常', disabled: '停用' } as const;

/** exportUsers — the filtered user list as .xlsx, mobile numbers masked. Audits `user.export`. */
export async function exportUsers(
  deps: AccountDeps,
  actor: Actor,
  query: Omit<UserListQuery, 'cursor' | 'limit'>,
  reply: FastifyReply,
) {
  const scope = scopeOf(actor, 'users.read');
  await withTransaction(deps.db, (tx) =>
    appendAudit(tx, deps.cipher.auditKey, auditContextOf(actor, 'users.read'), {
      action: 'user.export',
      entity: 'user',
      after: { filter: query },
    }),
  );
  const rows = pages(async (after: { createdAt: string; id: string } | undefined) => {
    const batch = await listUsersInScope(deps.db, {
      scope,
      nameLike: query.q || undefined,
      status: query.status,
      after,
      limit: 1000,
    });
    const grants = await grantsOfUsers(
      deps.db,
      batch.map((u) => u.id),
    );
    const last = batch.at(-1);
    return {
      rows: batch.map((u) => ({
        name: u.name,
        mobile: maskMobile(deps.cipher.decrypt(u.mobile_enc)),
        areaCode: u.area_code,
        area: u.area_full_name ?? '',
        roles: (grants.get(u.id) ?? []).map((g) => `${g.role}@${g.areaFullName}`).join('；'),
        status: STATUS[u.status],
        createdAt: u.created_at.toISOString(),
      })),
      next: batch.length === 1000 && last ? { createdAt: last.created_at.toISOString(), id: last.id } : undefined,
    };
  });
  return sendXlsx(reply, {
    filename: '用户列表.xlsx',
    sheet: '用户',
    columns: [
      { header: '姓名', key: 'name', width: 14 },
      { header: '手机号', key: 'mobile', width: 16 },
      { header: '区划代码', key: 'areaCode', width: 16 },
      { header: '所属区域', key: 'area', width: 36 },
      { header: '角色', key: 'roles', width: 40 },
      { header: '状态', key: 'status', width: 8 },
      { header: '创建时间', key: 'createdAt', width: 24 },
    ],
    rows,
  });
}
