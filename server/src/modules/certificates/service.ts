import type {
  Certificate,
  CertificateRequestBody,
  OrgCertificateBody,
  OrgCertificateFilterQuery,
  OrgCertificateListQuery,
  PublicCertificate,
} from '@linli/contract/certificates';
import type { FieldError } from '@linli/contract/errors';
import { type Actor, auditContextOf } from '../../platform/access';
import { appendAudit } from '../../platform/audit';
import { type Db, withTransaction } from '../../platform/db';
import { platformErrors } from '../../platform/errors';
import { maskName, type PersonalDataCipher } from '../../platform/personal-data';
import { confirmedServiceOf, hasRecordWithOrg, hoursOf, organizationFor, volunteerFacts } from '../volunteers/index';
import { certificateErrors } from './errors';
import { renderCertificatePdf } from './pdf';
import type { OrgCertificateFilter } from './queries';
import * as q from './queries';
import { newCertificateNumber, signStatement, verifyCertificate, verifyPathOf } from './signature';
import type { CertificateRow, CertificateStatement } from './tables';

/**
 * 志愿服务证明 (《志愿服务记录与证明出具办法》): a volunteer asks for a certificate of their
 * confirmed service in a period (all recording organizations, or one); an organization
 * certifies its own records of its volunteers (谁记录谁证明). Each certificate is a signed,
 * immutable row; anyone may verify it from the QR code without signing in.
 */

export type CertificateDeps = { db: Db; cipher: PersonalDataCipher; now?: () => Date };

const SIGNING_PURPOSE = 'certificate';
const keyOf = (deps: { cipher: PersonalDataCipher }) => deps.cipher.signingKey(SIGNING_PURPOSE);
const nowOf = (deps: CertificateDeps) => deps.now?.() ?? new Date();
const field = (path: string, code: string, message: string): FieldError => ({ path, code, message });
const chinaToday = (now: Date) => new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
const dayStart = (day: string) => new Date(`${day}T00:00:00+08:00`);
const nextDayStart = (day: string) => new Date(dayStart(day).getTime() + 86_400_000);
/** A certificate covers at most ten years (a longer period is almost surely a typing slip). */
const MAX_PERIOD_DAYS = 3660;

function checkPeriod(deps: CertificateDeps, p: { from: string; to: string }) {
  const errors: FieldError[] = [];
  if (p.from > p.to) {
    errors.push(field('to', 'certificate.period.order', '结束日期不能早于开始日期'));
  } else if ((dayStart(p.to).getTime() - dayStart(p.from).getTime()) / 86_400_000 > MAX_PERIOD_DAYS) {
    errors.push(field('from', 'certificate.period.tooLong', '证明期间不能超过十年'));
  }
  if (p.to > chinaToday(nowOf(deps))) {
    errors.push(field('to', 'certificate.period.future', '结束日期不能晚于今天'));
  }
  if (errors.length > 0) {
    throw platformErrors.VALIDATION_FAILED(errors);
  }
}

/** Distinct values in order of first appearance. */
const distinct = (values: string[]) => [...new Set(values.map((v) => v.trim()).filter(Boolean))];

function summarise(texts: string[], max: number): string {
  const joined = distinct(texts).join('；');
  return joined.length > max ? `${joined.slice(0, max - 1)}…` : joined;
}

/**
 * issue — builds, signs and stores one certificate (one transaction, audited as
 * `serviceCertificate.issue`). The statement is what the PDF and the public page show.
 */
async function issue(
  deps: CertificateDeps,
  actor: Actor,
  input: {
    volunteerId: string;
    period: { from: string; to: string };
    orgId: string | null;
    kind: CertificateStatement['issuedBy']['kind'];
    issuerOrgName: string | null;
  },
): Promise<Certificate> {
  const service = await confirmedServiceOf(deps, input.volunteerId, {
    from: dayStart(input.period.from),
    to: nextDayStart(input.period.to),
    ...(input.orgId ? { orgId: input.orgId } : {}),
  });
  if (!service) {
    throw platformErrors.NOT_FOUND();
  }
  if (service.totalMinutes <= 0) {
    throw certificateErrors.CERTIFICATE_NO_SERVICE();
  }
  const issuedAt = nowOf(deps);
  const number = newCertificateNumber(Number(chinaToday(issuedAt).slice(0, 4)));
  const statement: CertificateStatement = {
    v: 1,
    number,
    volunteer: {
      id: service.volunteer.id,
      name: service.volunteer.name,
      idNumberMasked: service.volunteer.idNumberMasked,
    },
    period: input.period,
    organizations: service.byOrganization.map((o) => ({
      orgId: o.orgId,
      name: o.orgName,
      minutes: o.minutes,
      records: o.records.length,
      projects: distinct(o.records.map((r) => r.projectTitle)).slice(0, 10),
      content: summarise(
        o.records.map((r) => r.content),
        200,
      ),
    })),
    totalMinutes: service.totalMinutes,
    issuedBy: { kind: input.kind, orgId: input.orgId, orgName: input.issuerOrgName },
    issuedAt: issuedAt.toISOString(),
  };
  const signature = signStatement(keyOf(deps), statement);
  const id = await withTransaction(deps.db, async (tx) => {
    const certificateId = await q.insertCertificate(tx, {
      number,
      volunteerId: service.volunteer.id,
      orgId: input.orgId,
      kind: input.kind,
      statement,
      signature,
      areaCode: service.volunteer.areaCode,
      issuedBy: actor.userId,
      issuedAt,
    });
    await appendAudit(
      tx,
      deps.cipher.auditKey,
      auditContextOf(
        actor,
        input.kind === 'organization' ? 'serviceRecords.manage' : 'volunteers.self',
        service.volunteer.areaCode,
      ),
      {
        action: 'serviceCertificate.issue',
        entity: 'serviceCertificate',
        entityId: certificateId,
        areaCode: service.volunteer.areaCode,
        before: null,
        after: {
          number,
          volunteerId: service.volunteer.id,
          orgId: input.orgId,
          period: input.period,
          totalMinutes: service.totalMinutes,
          organizations: statement.organizations.map((o) => ({ orgId: o.orgId, minutes: o.minutes })),
        },
      },
    );
    return certificateId;
  });
  return present({
    id,
    number,
    volunteer_id: service.volunteer.id,
    org_id: input.orgId,
    issued_by_kind: input.kind,
    period_from: input.period.from,
    period_to: input.period.to,
    statement,
    signature,
    total_minutes: service.totalMinutes,
    area_code: service.volunteer.areaCode,
    issued_by: actor.userId,
    issued_at: issuedAt,
  });
}

export function present(row: CertificateRow): Certificate {
  const s = row.statement;
  return {
    id: row.id,
    number: row.number,
    volunteerId: row.volunteer_id,
    volunteerName: s.volunteer.name,
    idNumberMasked: s.volunteer.idNumberMasked,
    period: s.period,
    organizations: s.organizations.map((o) => ({ ...o, hours: hoursOf(o.minutes) })),
    totalMinutes: s.totalMinutes,
    totalHours: hoursOf(s.totalMinutes),
    issuedByKind: row.issued_by_kind,
    issuerOrgName: s.issuedBy.orgName,
    issuedAt: s.issuedAt,
    signature: row.signature,
    verifyPath: verifyPathOf(row.number, row.signature),
  };
}

async function myVolunteer(deps: CertificateDeps, actor: Actor) {
  const v = await volunteerFacts(deps.db, { userId: actor.userId });
  if (!v) {
    throw platformErrors.NOT_FOUND();
  }
  return v;
}

/**
 * requestCertificate — the volunteer's own certificate for a period: every recording
 * organization, or the one named (whose name then stands as the issuer, 谁记录谁证明).
 */
export async function requestCertificate(
  deps: CertificateDeps,
  actor: Actor,
  body: CertificateRequestBody,
): Promise<Certificate> {
  checkPeriod(deps, body);
  const v = await myVolunteer(deps, actor);
  let issuerOrgName: string | null = null;
  if (body.orgId) {
    const org = await organizationFor(deps.db, actor, body.orgId, 'serviceRecords.read');
    if (!org || !(await hasRecordWithOrg(deps.db, v.id, org.id))) {
      throw platformErrors.VALIDATION_FAILED([
        field('orgId', 'certificate.org.noRecords', '您在该组织没有志愿服务记录'),
      ]);
    }
    issuerOrgName = org.name;
  }
  return issue(deps, actor, {
    volunteerId: v.id,
    period: { from: body.from, to: body.to },
    orgId: body.orgId ?? null,
    kind: 'volunteer',
    issuerOrgName,
  });
}

/** The organization (its administrator, or an officer above it) and proof the volunteer served it; else 404. */
async function orgOfVolunteer(
  deps: CertificateDeps,
  actor: Actor,
  orgId: string,
  permission: 'serviceRecords.manage' | 'serviceRecords.read',
) {
  const org = await organizationFor(deps.db, actor, orgId, permission);
  if (!org?.actsFor) {
    throw platformErrors.NOT_FOUND();
  }
  return org;
}

/**
 * issueForVolunteer — an organization certifies its own confirmed records of one of its
 * volunteers (谁记录谁证明). A volunteer without any record of the organization is answered
 * 404, as a missing one, so other organizations' volunteers cannot be probed.
 */
export async function issueForVolunteer(
  deps: CertificateDeps,
  actor: Actor,
  orgId: string,
  body: OrgCertificateBody,
): Promise<Certificate> {
  checkPeriod(deps, body);
  const org = await orgOfVolunteer(deps, actor, orgId, 'serviceRecords.manage');
  if (!(await hasRecordWithOrg(deps.db, body.volunteerId, org.id))) {
    throw platformErrors.NOT_FOUND();
  }
  return issue(deps, actor, {
    volunteerId: body.volunteerId,
    period: { from: body.from, to: body.to },
    orgId: org.id,
    kind: 'organization',
    issuerOrgName: org.name,
  });
}

export async function listMyCertificates(deps: CertificateDeps, actor: Actor) {
  const v = await volunteerFacts(deps.db, { userId: actor.userId });
  return { items: v ? (await q.listCertificatesOfVolunteer(deps.db, v.id)).map(present) : [] };
}

/** The list's filters as the query takes them: China days become instants, a number is matched upper-case. */
export function orgFilterOf(orgId: string, query: OrgCertificateFilterQuery): Omit<OrgCertificateFilter, 'limit'> {
  const text = query.q?.trim();
  return {
    orgId,
    q: text ? (/^ZM-/i.test(text) ? text.toUpperCase() : text) : undefined,
    kind: query.issuedByKind,
    issuedFrom: query.issuedFrom ? dayStart(query.issuedFrom) : undefined,
    issuedBefore: query.issuedTo ? nextDayStart(query.issuedTo) : undefined,
  };
}

/** The organization (its administrators, officers above it) or 404; its certificates are read through it. */
export async function readableOrg(deps: CertificateDeps, actor: Actor, orgId: string) {
  return orgOfVolunteer(deps, actor, orgId, 'serviceRecords.read');
}

/** listOrgCertificates — the certificates covering the organization's records, newest first, filtered, by pages. */
export async function listOrgCertificates(
  deps: CertificateDeps,
  actor: Actor,
  orgId: string,
  query: OrgCertificateListQuery = { limit: 50 },
) {
  let after: { issuedAt: Date; id: string } | undefined;
  if (query.cursor) {
    const [t, id] = query.cursor.split('_');
    if (!t || !id || Number.isNaN(Date.parse(t)) || !/^[0-9a-f-]{36}$/.test(id)) {
      throw platformErrors.VALIDATION_FAILED([field('cursor', 'invalid_format', '分页游标无效')]);
    }
    after = { issuedAt: new Date(t), id };
  }
  const org = await readableOrg(deps, actor, orgId);
  const rows = await q.listCertificatesOfOrg(deps.db, {
    ...orgFilterOf(org.id, query),
    after,
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(present),
    nextCursor: rows.length > query.limit && last ? `${last.issued_at.toISOString()}_${last.id}` : null,
  };
}

/** A certificate its volunteer, or the organization it covers, may read; anyone else gets 404. */
async function readable(deps: CertificateDeps, actor: Actor, id: string): Promise<CertificateRow> {
  const row = await q.findCertificate(deps.db, id);
  if (row) {
    const v = await volunteerFacts(deps.db, { id: row.volunteer_id });
    if (v?.userId === actor.userId) {
      return row;
    }
    if (row.org_id && (await organizationFor(deps.db, actor, row.org_id, 'serviceRecords.read'))?.actsFor) {
      return row;
    }
  }
  throw platformErrors.NOT_FOUND();
}

export async function getCertificate(deps: CertificateDeps, actor: Actor, id: string) {
  return present(await readable(deps, actor, id));
}

/** The PDF of a readable certificate; `origin` (scheme and host the request came to) prefixes the QR address. */
export async function certificatePdf(deps: CertificateDeps, actor: Actor, id: string, origin: string) {
  const row = await readable(deps, actor, id);
  const pdf = await renderCertificatePdf(
    row.statement,
    row.signature,
    `${origin}${verifyPathOf(row.number, row.signature)}`,
  );
  return { number: row.number, pdf };
}

/**
 * verifyPublic — the public check behind the QR code: the stored statement must still give its
 * signature, and the presented code must be that signature. One answer ("not valid") for an
 * unknown number, a forged code and an altered row. Shows the masked name only.
 */
export async function verifyPublic(
  deps: { db: Db; cipher: PersonalDataCipher },
  number: string,
  sig: string,
): Promise<PublicCertificate> {
  const row = await q.findCertificateByNumber(deps.db, number.trim().toUpperCase());
  if (!row || !verifyCertificate(keyOf(deps), row, { number: number.trim().toUpperCase(), sig })) {
    throw certificateErrors.CERTIFICATE_NOT_VALID();
  }
  const s = row.statement;
  return {
    valid: true,
    number: s.number,
    volunteerNameMasked: maskName(s.volunteer.name),
    period: s.period,
    organizations: s.organizations.map((o) => ({ name: o.name, minutes: o.minutes, hours: hoursOf(o.minutes) })),
    totalMinutes: s.totalMinutes,
    totalHours: hoursOf(s.totalMinutes),
    issuerOrgName: s.issuedBy.orgName,
    issuedAt: s.issuedAt,
  };
}
