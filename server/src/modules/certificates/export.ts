import type { OrgCertificateFilterQuery } from '@linli/contract/certificates';
import type { FastifyReply } from 'fastify';
import { type Actor, auditContextOf } from '../../platform/access';
import { appendAudit } from '../../platform/audit';
import { withTransaction } from '../../platform/db';
import { pages, sendXlsx } from '../../platform/export';
import { listCertificatesOfOrg } from './queries';
import { type CertificateDeps, orgFilterOf, present, readableOrg } from './service';

const PAGE = 1000;
const time = (iso: string) =>
  new Date(iso).toLocaleString('zh-CN', {
    timeZone: 'Asia/Shanghai',
    hour12: false,
    dateStyle: 'short',
    timeStyle: 'short',
  });
const kindLabels = { volunteer: '志愿者申请', organization: '组织出具' } as const;

/**
 * exportOrgCertificates — the organization's certificates with the list's filters as .xlsx,
 * streamed page by page, newest first. The ID number stays masked as on the certificate; the
 * verification address is the path the QR code opens. Audits `serviceCertificate.export`.
 */
export async function exportOrgCertificates(
  deps: CertificateDeps,
  actor: Actor,
  orgId: string,
  query: OrgCertificateFilterQuery,
  reply: FastifyReply,
) {
  const org = await readableOrg(deps, actor, orgId);
  const filter = orgFilterOf(org.id, query);
  await withTransaction(deps.db, (tx) =>
    appendAudit(tx, deps.cipher.auditKey, auditContextOf(actor, 'serviceRecords.read', org.areaCode), {
      action: 'serviceCertificate.export',
      entity: 'organization',
      entityId: org.id,
      areaCode: org.areaCode,
      after: { filter: query },
    }),
  );
  const rows = pages(async (after: { issuedAt: Date; id: string } | undefined) => {
    const batch = await listCertificatesOfOrg(deps.db, { ...filter, after, limit: PAGE });
    const last = batch.at(-1);
    return {
      rows: batch.map((row) => {
        const c = present(row);
        return {
          number: c.number,
          volunteer: c.volunteerName,
          idNumber: c.idNumberMasked,
          from: c.period.from,
          to: c.period.to,
          hours: c.totalHours,
          records: c.organizations.reduce((sum, o) => sum + o.records, 0),
          projects: c.organizations.flatMap((o) => o.projects).join('、'),
          kind: kindLabels[c.issuedByKind],
          issuer: c.issuerOrgName ?? '',
          issuedAt: time(c.issuedAt),
          verifyPath: c.verifyPath,
        };
      }),
      next: batch.length === PAGE && last ? { issuedAt: last.issued_at, id: last.id } : undefined,
    };
  });
  return sendXlsx(reply, {
    filename: `志愿服务证明-${org.name}.xlsx`,
    sheet: '志愿服务证明',
    columns: [
      { header: '证明编号', key: 'number', width: 22 },
      { header: '志愿者', key: 'volunteer', width: 12 },
      { header: '身份证号码', key: 'idNumber', width: 22 },
      { header: '起始日期', key: 'from', width: 12 },
      { header: '截止日期', key: 'to', width: 12 },
      { header: '服务时长（小时）', key: 'hours', width: 16 },
      { header: '记录条数', key: 'records', width: 10 },
      { header: '服务项目', key: 'projects', width: 36 },
      { header: '出具方式', key: 'kind', width: 12 },
      { header: '出具单位', key: 'issuer', width: 28 },
      { header: '出具时间', key: 'issuedAt', width: 18 },
      { header: '验证地址', key: 'verifyPath', width: 60 },
    ],
    rows,
  });
}
