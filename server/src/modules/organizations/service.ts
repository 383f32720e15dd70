import { createHash } from 'node:crypto';
import { Mobile } from '@linli/contract/accounts';
import { levelOfAreaCode, subtreeRange } from '@linli/contract/areas';
import { validateCreditCode } from '@linli/contract/credit-code';
import type { FieldError } from '@linli/contract/errors';
import { nameBigrams, normalizeOrgName } from '@linli/contract/org-name';
import {
  CHARTER_MAX_BYTES,
  type ChangeBody,
  type CharterFile,
  type DecisionBody,
  type EstablishBody,
  type Filing,
  type FilingStep,
  type Organization,
  type OrgListQuery,
  type OrgSummary,
  type OrgTier,
  type ReportBody,
  type WorkReport,
} from '@linli/contract/organizations';
import type { PermissionKey } from '@linli/contract/permissions';
import { fileTypeFromBuffer } from 'file-type';
import { type Actor, auditContextOf, isInScope, scopeOf } from '../../platform/access';
import { appendAudit } from '../../platform/audit';
import { type Db, type Queryable, type Tx, withTransaction } from '../../platform/db';
import { platformErrors } from '../../platform/errors';
import { maskMobile, type PersonalDataCipher } from '../../platform/personal-data';
import { grantOrgAdmin } from '../access/index';
import { getArea } from '../areas/index';
import { orgErrors, reportErrors } from './errors';
import { firstState, nextState } from './filing-machine';
import { filesAsOfficer, filingAbilities, mayFileFor, mayReadOrg, mayUploadCharter, orgAbilities } from './policy';
import * as q from './queries';
import type { FilingRow, FilingStepRow, OrgRow } from './tables';

export type OrgDeps = {
  db: Db;
  cipher: PersonalDataCipher;
  /**
   * Activities of the last year per organization, for the public page. Given by app.ts from the
   * activities module, so organizations does not import it (activities builds on organizations).
   */
  countRecentActivities?: (db: Queryable, orgIds: string[]) => Promise<Map<string, number>>;
};

const field = (path: string, code: string, message: string): FieldError[] => [{ path, code, message }];

// ─── presenting ──────────────────────────────────────────────────────────────

export function presentSummary(r: OrgRow): OrgSummary {
  return {
    id: r.id,
    name: r.name,
    tier: r.tier,
    category: r.category,
    hubKind: r.hub_kind,
    areaCode: r.area_code,
    areaFullName: r.area_full_name ?? r.area_code,
    foundedOn: r.founded_on,
    serviceTargets: r.service_targets,
    venue: r.venue,
    memberCount: r.member_count,
    socialWorkerCount: r.social_worker_count,
    certifiedSocialWorkerCount: r.certified_social_worker_count,
    partyOrg: r.party_org,
    charterPartyClause: r.charter_party_clause,
    creditCode: r.credit_code,
    status: r.status,
    statusReason: r.status_reason,
  };
}

function maskProposal(cipher: PersonalDataCipher, proposed: Record<string, unknown>): Record<string, unknown> {
  const leaders = proposed.leaders as { name: string; role: string; mobile: string }[] | undefined;
  if (!leaders) {
    return proposed;
  }
  return {
    ...proposed,
    leaders: leaders.map((l) => ({
      name: l.name,
      role: l.role,
      mobileMasked: maskMobile(cipher.decrypt(Buffer.from(l.mobile, 'base64'))),
    })),
  };
}

async function presentFilings(
  db: Queryable,
  cipher: PersonalDataCipher,
  actor: Actor,
  rows: FilingRow[],
): Promise<Filing[]> {
  const steps = await q.findSteps(
    db,
    rows.map((r) => r.id),
  );
  return presentFilingRows(cipher, actor, rows, steps);
}

function presentFilingRows(
  cipher: PersonalDataCipher,
  actor: Actor,
  rows: FilingRow[],
  steps: FilingStepRow[],
): Filing[] {
  return rows.map((r) => ({
    id: r.id,
    orgId: r.org_id,
    orgName: r.org_name,
    act: r.act,
    tier: r.tier,
    state: r.state,
    proposed: maskProposal(cipher, r.proposed),
    reason: r.reason,
    areaCode: r.area_code,
    areaFullName: r.area_full_name ?? r.area_code,
    submittedAt: r.submitted_at.toISOString(),
    decidedAt: r.decided_at?.toISOString() ?? null,
    steps: steps
      .filter((s) => s.filing_id === r.id)
      .map((s) => ({
        step: s.step,
        decision: s.decision,
        comment: s.comment,
        actorName: s.actor_name,
        actorRole: s.actor_role,
        at: s.at.toISOString(),
      })),
    abilities: filingAbilities(actor, { state: r.state, areaCode: r.area_code, submittedBy: r.submitted_by }),
  }));
}

// ─── validation shared by establish, change and upgrade ─────────────────────

function checkCreditCode(raw: string | undefined): string {
  const result = validateCreditCode(raw ?? '', { civilAffairs: true });
  if (!result.ok) {
    const message =
      result.reason === 'notCivilAffairs'
        ? '社区社会组织的统一社会信用代码应以 51、52、53 或 59 开头（民政部门登记）'
        : result.reason === 'checkChar'
          ? '统一社会信用代码的校验位不正确'
          : '统一社会信用代码应为18位数字或大写字母（不含 I、O、Z、S、V）';
    throw orgErrors.ORG_CREDIT_CODE_INVALID(field('creditCode', `creditCode.${result.reason}`, message));
  }
  return result.code;
}

function checkFoundedOn(date: string | undefined): void {
  if (date && date > new Date().toISOString().slice(0, 10)) {
    throw orgErrors.ORG_FOUNDED_IN_FUTURE(field('foundedOn', 'ORG_FOUNDED_IN_FUTURE', '成立日期不能晚于今天'));
  }
}

function encryptLeaders(cipher: PersonalDataCipher, leaders: EstablishBody['leaders']) {
  return leaders.map((l, i) => {
    const mobile = Mobile.safeParse(l.mobile);
    if (!mobile.success) {
      throw platformErrors.VALIDATION_FAILED(
        field(`leaders.${i}.mobile`, 'mobile.invalid', '请输入11位中国大陆手机号'),
      );
    }
    return {
      name: l.name,
      role: l.role,
      mobileEnc: cipher.encrypt(mobile.data),
      mobileHash: cipher.lookupHash(mobile.data),
    };
  });
}

async function checkNameFree(db: Queryable, areaCode: string, name: string, exceptId: string | null) {
  if (await q.isNameTaken(db, areaCode, normalizeOrgName(name), exceptId)) {
    throw orgErrors.ORG_NAME_TAKEN(field('name', 'ORG_NAME_TAKEN', '本街道(乡镇)已有同名的社区社会组织'));
  }
}

// ─── filing commands ─────────────────────────────────────────────────────────

/**
 * establishOrganization — files a new organization (004 三.二.2): a pending record, its
 * leaders (mobiles encrypted) and an establish filing at the first step of its tier's path.
 * Audits `organization.establishFiled`.
 */
export async function establishOrganization(deps: OrgDeps, actor: Actor, body: EstablishBody) {
  const area = await getArea(deps.db, body.areaCode).catch(() => {
    throw platformErrors.VALIDATION_FAILED(field('areaCode', 'AREA_NOT_FOUND', '未找到该行政区划'));
  });
  if (area.level !== 'community' && area.level !== 'township') {
    throw orgErrors.ORG_AREA_LEVEL_INVALID(
      field('areaCode', 'ORG_AREA_LEVEL_INVALID', '组织所在区划应为社区(村)或街道(乡镇)'),
    );
  }
  if (!scopeOf(actor, 'filings.submit').ranges.some((r) => area.code >= r.lo && area.code <= r.hi)) {
    throw platformErrors.FORBIDDEN(field('areaCode', 'AREA_OUT_OF_SCOPE', '该行政区划不在您的管辖范围内'));
  }
  const creditCode = body.tier === 'registered' ? checkCreditCode(body.creditCode) : null;
  checkFoundedOn(body.foundedOn);
  const leaders = encryptLeaders(deps.cipher, body.leaders);
  await checkNameFree(deps.db, area.code, body.name, null);
  if (creditCode && (await q.isCreditCodeTaken(deps.db, creditCode, null))) {
    throw orgErrors.ORG_CREDIT_CODE_TAKEN(
      field('creditCode', 'ORG_CREDIT_CODE_TAKEN', '该统一社会信用代码已被其他组织使用'),
    );
  }
  return withTransaction(deps.db, async (tx) => {
    const orgId = await q.insertOrg(tx, {
      name: body.name,
      nameKey: normalizeOrgName(body.name),
      nameGrams: nameBigrams(body.name),
      tier: body.tier,
      category: body.category,
      hubKind: body.hubKind,
      areaCode: area.code,
      foundedOn: body.foundedOn,
      serviceTargets: body.serviceTargets,
      venue: body.venue,
      memberCount: body.memberCount,
      socialWorkerCount: body.socialWorkerCount,
      certifiedSocialWorkerCount: body.certifiedSocialWorkerCount,
      partyOrg: body.partyOrg,
      charterPartyClause: body.charterPartyClause,
      creditCode,
      createdBy: actor.userId,
    });
    if (!orgId) {
      // lost a race for the name or the credit code
      throw orgErrors.ORG_NAME_TAKEN(field('name', 'ORG_NAME_TAKEN', '本街道(乡镇)已有同名的社区社会组织'));
    }
    await q.insertLeaders(tx, orgId, leaders);
    const filingId = await openFiling(tx, deps.cipher.auditKey, actor, {
      orgId,
      act: 'establish',
      tier: body.tier,
      // an officer recording an organization does not become its administrator
      proposed: filesAsOfficer(actor, area.code) ? { filedOnBehalf: true } : {},
      reason: null,
      areaCode: area.code,
    });
    return { orgId, filingId };
  });
}

async function openFiling(
  tx: Tx,
  auditKey: Buffer,
  actor: Actor,
  f: {
    orgId: string;
    act: Filing['act'];
    tier: OrgTier;
    proposed: Record<string, unknown>;
    reason: string | null;
    areaCode: string;
  },
): Promise<string> {
  const id = await q.insertFiling(tx, { ...f, state: firstState(f.tier), submittedBy: actor.userId });
  if (!id) {
    throw orgErrors.FILING_OPEN_EXISTS();
  }
  await q.insertStep(tx, {
    filingId: id,
    step: 'submit',
    decision: null,
    comment: f.reason,
    actorId: actor.userId,
    actorRole: null,
  });
  await appendAudit(tx, auditKey, auditContextOf(actor, 'filings.submit', f.areaCode), {
    action: `organization.${f.act}Filed`,
    entity: 'organization',
    entityId: f.orgId,
    areaCode: f.areaCode,
    after: { filingId: id, act: f.act, tier: f.tier, proposed: f.proposed, reason: f.reason },
  });
  return id;
}

/** The record an actor may file for (404 otherwise), locked for the filing. */
async function orgForFiling(tx: Tx, actor: Actor, orgId: string): Promise<OrgRow> {
  const org = await q.findOrgById(tx, orgId);
  if (!org || !mayFileFor(actor, { id: org.id, areaCode: org.area_code })) {
    throw platformErrors.NOT_FOUND();
  }
  if (!['active', 'abnormal', 'suspended'].includes(org.status)) {
    throw orgErrors.ORG_NOT_ACTIVE();
  }
  return org;
}

/** A change proposal as stored on the filing: leaders' mobiles stay encrypted (base64 envelopes). */
function proposalOf(cipher: PersonalDataCipher, body: ChangeBody): Record<string, unknown> {
  const { leaders, ...fields } = body;
  if (!leaders) {
    return fields;
  }
  return {
    ...fields,
    leaders: leaders.map((l) => ({ ...l, mobile: cipher.encrypt(Mobile.parse(l.mobile)).toString('base64') })),
  };
}

/** fileChange — proposes new values for the record; applied when the filing is approved. Audits `organization.changeFiled`. */
export async function fileChange(deps: OrgDeps, actor: Actor, orgId: string, body: ChangeBody) {
  checkFoundedOn(body.foundedOn);
  if (body.leaders) {
    encryptLeaders(deps.cipher, body.leaders); // validates the numbers now; they are encrypted again on approval
  }
  return withTransaction(deps.db, async (tx) => {
    const org = await orgForFiling(tx, actor, orgId);
    if (body.name) {
      await checkNameFree(tx, org.area_code, body.name, org.id);
    }
    return openFiling(tx, deps.cipher.auditKey, actor, {
      orgId,
      act: 'change',
      tier: org.tier,
      proposed: proposalOf(deps.cipher, body),
      reason: null,
      areaCode: org.area_code,
    });
  });
}

/** fileDissolve — asks to dissolve (注销) the organization. Audits `organization.dissolveFiled`. */
export async function fileDissolve(deps: OrgDeps, actor: Actor, orgId: string, reason: string) {
  return withTransaction(deps.db, async (tx) => {
    const org = await orgForFiling(tx, actor, orgId);
    return openFiling(tx, deps.cipher.auditKey, actor, {
      orgId,
      act: 'dissolve',
      tier: org.tier,
      proposed: {},
      reason,
      areaCode: org.area_code,
    });
  });
}

/** fileUpgrade — guided → filed → registered (004 三.三.1); registration needs the credit code. Audits `organization.upgradeFiled`. */
export async function fileUpgrade(
  deps: OrgDeps,
  actor: Actor,
  orgId: string,
  body: { creditCode?: string | undefined },
) {
  return withTransaction(deps.db, async (tx) => {
    const org = await orgForFiling(tx, actor, orgId);
    const target: OrgTier | null = org.tier === 'guided' ? 'filed' : org.tier === 'filed' ? 'registered' : null;
    if (!target) {
      throw orgErrors.ORG_UPGRADE_INVALID();
    }
    const creditCode = target === 'registered' ? checkCreditCode(body.creditCode) : null;
    if (creditCode && (await q.isCreditCodeTaken(tx, creditCode, org.id))) {
      throw orgErrors.ORG_CREDIT_CODE_TAKEN(
        field('creditCode', 'ORG_CREDIT_CODE_TAKEN', '该统一社会信用代码已被其他组织使用'),
      );
    }
    return openFiling(tx, deps.cipher.auditKey, actor, {
      orgId,
      act: 'upgrade',
      tier: target,
      proposed: { tier: target, ...(creditCode ? { creditCode } : {}) },
      reason: null,
      areaCode: org.area_code,
    });
  });
}

const stepPermission: Record<'committeeOpinion' | 'townshipDecision' | 'civilAffairsRecord', PermissionKey> = {
  committeeOpinion: 'filings.committeeReview',
  townshipDecision: 'filings.townshipDecide',
  civilAffairsRecord: 'filings.civilAffairsRecord',
};

/**
 * decideFiling — one reviewing step (committee opinion, township decision, civil affairs
 * record): approve, reject with a reason, or return for changes. An illegal step answers 409
 * and changes nothing. On approval the act takes effect in the same transaction.
 * Audits `filing.<step>`.
 */
export async function decideFiling(
  deps: OrgDeps,
  actor: Actor,
  filingId: string,
  step: keyof typeof stepPermission,
  body: DecisionBody,
) {
  const permission = stepPermission[step];
  return withTransaction(deps.db, async (tx) => {
    const filing = await q.findFilingForUpdate(tx, filingId, { scope: scopeOf(actor, permission) });
    if (!filing) {
      throw platformErrors.NOT_FOUND();
    }
    const next = nextState(filing.tier, filing.state, step, body.decision);
    if (!next) {
      throw orgErrors.FILING_ILLEGAL_TRANSITION();
    }
    const ctx = auditContextOf(actor, permission, filing.area_code);
    await q.insertStep(tx, {
      filingId,
      step,
      decision: body.decision,
      comment: body.comment || null,
      actorId: actor.userId,
      actorRole: ctx.actorRole,
    });
    const decided = next === 'approved' || next === 'rejected';
    await q.updateFiling(tx, filingId, { state: next, decided });
    const org = (await q.findOrgById(tx, filing.org_id))!;
    if (next === 'approved') {
      await applyFiling(tx, deps, actor, filing, org);
    } else if (next === 'rejected' && filing.act === 'establish') {
      await q.setOrgStatus(tx, org.id, 'notEstablished', body.comment);
    }
    await appendAudit(tx, deps.cipher.auditKey, ctx, {
      action: `filing.${step}`,
      entity: 'organization',
      entityId: org.id,
      areaCode: filing.area_code,
      before: { filingId, state: filing.state },
      after: { filingId, state: next, decision: body.decision, comment: body.comment || null },
    });
    return filing.org_id;
  });
}

async function applyFiling(tx: Tx, deps: OrgDeps, actor: Actor, filing: FilingRow, org: OrgRow): Promise<void> {
  const before = presentSummary(org);
  switch (filing.act) {
    case 'establish':
      await q.setOrgStatus(tx, org.id, 'active', null);
      if (filing.proposed.filedOnBehalf !== true) {
        await grantOrgAdmin(tx, deps.cipher.auditKey, {
          actor,
          userId: filing.submitted_by,
          orgId: org.id,
          areaCode: org.area_code,
        });
      }
      break;
    case 'dissolve':
      await q.setOrgStatus(tx, org.id, 'dissolved', filing.reason);
      break;
    case 'upgrade':
      await q.updateOrg(tx, org.id, { tier: filing.proposed.tier, credit_code: filing.proposed.creditCode ?? null });
      break;
    case 'change': {
      const { leaders, ...fields } = filing.proposed as ChangeBody & {
        leaders?: { name: string; role: string; mobile: string }[];
      };
      const changes: Record<string, unknown> = { ...fields };
      if (typeof fields.name === 'string') {
        if (await q.isNameTaken(tx, org.area_code, normalizeOrgName(fields.name), org.id)) {
          throw orgErrors.ORG_NAME_TAKEN(field('name', 'ORG_NAME_TAKEN', '本街道(乡镇)已有同名的社区社会组织'));
        }
        changes.name_key = normalizeOrgName(fields.name);
        changes.name_grams = nameBigrams(fields.name);
      }
      await q.updateOrg(tx, org.id, changes);
      if (leaders) {
        await q.deleteLeaders(tx, org.id);
        await q.insertLeaders(
          tx,
          org.id,
          leaders.map((l) => {
            const mobile = deps.cipher.decrypt(Buffer.from(l.mobile, 'base64'));
            return {
              name: l.name,
              role: l.role,
              mobileEnc: deps.cipher.encrypt(mobile),
              mobileHash: deps.cipher.lookupHash(mobile),
            };
          }),
        );
      }
      break;
    }
  }
  const after = (await q.findOrgById(tx, org.id))!;
  await appendAudit(tx, deps.cipher.auditKey, auditContextOf(actor), {
    action: `organization.${filing.act}`,
    entity: 'organization',
    entityId: org.id,
    areaCode: org.area_code,
    before,
    after: presentSummary(after),
  });
}

/** resubmitFiling — the submitter sends a returned filing back to the start of its path. Audits `filing.resubmit`. */
export async function resubmitFiling(deps: OrgDeps, actor: Actor, filingId: string, body: ChangeBody) {
  return withTransaction(deps.db, async (tx) => {
    const filing = await q.findFilingForUpdate(tx, filingId, { scope: { ranges: [] }, submitter: actor.userId });
    if (!filing) {
      throw platformErrors.NOT_FOUND();
    }
    if (filing.submitted_by !== actor.userId) {
      throw orgErrors.FILING_NOT_SUBMITTER();
    }
    const next = nextState(filing.tier, filing.state, 'resubmit', null);
    if (!next) {
      throw orgErrors.FILING_ILLEGAL_TRANSITION();
    }
    const hasChanges = Object.keys(body).length > 0;
    if (hasChanges && filing.act === 'establish') {
      // the record is not public yet: corrections go straight onto it
      if (body.name) {
        await checkNameFree(tx, filing.area_code, body.name, filing.org_id);
      }
      const { leaders, ...fields } = body;
      await q.updateOrg(tx, filing.org_id, {
        ...fields,
        ...(body.name ? { name_key: normalizeOrgName(body.name), name_grams: nameBigrams(body.name) } : {}),
      });
      if (leaders) {
        await q.deleteLeaders(tx, filing.org_id);
        await q.insertLeaders(tx, filing.org_id, encryptLeaders(deps.cipher, leaders));
      }
    }
    await q.updateFiling(tx, filingId, {
      state: next,
      decided: false,
      ...(hasChanges && filing.act === 'change' ? { proposed: proposalOf(deps.cipher, body) } : {}),
    });
    await q.insertStep(tx, {
      filingId,
      step: 'resubmit',
      decision: null,
      comment: null,
      actorId: actor.userId,
      actorRole: null,
    });
    await appendAudit(tx, deps.cipher.auditKey, auditContextOf(actor), {
      action: 'filing.resubmit',
      entity: 'organization',
      entityId: filing.org_id,
      areaCode: filing.area_code,
      before: { filingId, state: filing.state },
      after: { filingId, state: next, changes: Object.keys(body) },
    });
    return filing.org_id;
  });
}

const STATUS_MOVES: Record<string, readonly string[]> = {
  active: ['suspended', 'abnormal'],
  suspended: ['active', 'abnormal'],
  abnormal: ['active', 'dissolved'],
};

/**
 * setOrganizationStatus — supervision: suspend, mark abnormal when an organization does not
 * report or act, restore, or let an abnormal organization exit (004 三.二.3 退出机制); the
 * reason is kept. Audits `organization.status`.
 */
export async function setOrganizationStatus(
  deps: OrgDeps,
  actor: Actor,
  orgId: string,
  body: { status: string; reason: string },
) {
  return withTransaction(deps.db, async (tx) => {
    const org = await q.findOrgInScope(tx, orgId, scopeOf(actor, 'organizations.supervise'), true);
    if (!org) {
      throw platformErrors.NOT_FOUND();
    }
    if (!STATUS_MOVES[org.status]?.includes(body.status)) {
      throw orgErrors.ORG_STATUS_TRANSITION_INVALID(
        field('status', 'ORG_STATUS_TRANSITION_INVALID', '不能从当前状态变更为所选状态'),
      );
    }
    await q.setOrgStatus(tx, org.id, body.status, body.reason);
    await appendAudit(tx, deps.cipher.auditKey, auditContextOf(actor, 'organizations.supervise', org.area_code), {
      action: 'organization.status',
      entity: 'organization',
      entityId: org.id,
      areaCode: org.area_code,
      before: { status: org.status, reason: org.status_reason },
      after: { status: body.status, reason: body.reason },
    });
    return org.id;
  });
}

// ─── reads ───────────────────────────────────────────────────────────────────

export async function getOrganization(deps: OrgDeps, actor: Actor, id: string): Promise<Organization> {
  const detail = await q.findOrgDetail(deps.db, id);
  if (!detail) {
    throw platformErrors.NOT_FOUND();
  }
  const { org, leaders, filings, steps, charter } = detail;
  // a resident who filed an organization sees it while it is being decided
  const isOwnPending = filings.some((f) => f.submitted_by === actor.userId);
  if (!(mayReadOrg(actor, { id: org.id, areaCode: org.area_code }) || isOwnPending)) {
    throw platformErrors.NOT_FOUND();
  }
  return {
    ...presentSummary(org),
    leaders: leaders.map((l) => ({
      id: l.id,
      name: l.name,
      role: l.role,
      mobileMasked: maskMobile(deps.cipher.decrypt(l.mobile_enc)),
    })),
    filings: presentFilingRows(deps.cipher, actor, filings, steps),
    charter: charter && {
      fileName: charter.file_name,
      fileType: charter.file_type as CharterFile['fileType'],
      size: charter.size,
      uploadedAt: new Date(charter.uploaded_at).toISOString(),
      uploadedByName: charter.uploaded_by_name,
    },
    abilities: orgAbilities(
      actor,
      { id: org.id, areaCode: org.area_code, status: org.status, tier: org.tier },
      isOwnPending,
    ),
  };
}

// ─── charter (章程) ──────────────────────────────────────────────────────────

/** The file's real type from its first bytes (never from its name); a .doc is an OLE compound file. */
async function charterFileType(fileName: string, content: Buffer): Promise<CharterFile['fileType'] | null> {
  const detected = await fileTypeFromBuffer(content);
  switch (detected?.ext) {
    case 'pdf':
    case 'docx':
    case 'jpg':
    case 'png':
      return detected.ext;
    case 'cfb':
      return /\.doc$/i.test(fileName) ? 'doc' : null;
    default:
      return null;
  }
}

/**
 * uploadCharter — stores the organization's charter file (章程), replacing the earlier one.
 * Rule: policy `mayUploadCharter`. The type is read from the content (PDF, Word, JPEG, PNG), at most
 * 10 MB. Audits `organization.charterUpload` with the file's name and SHA-256 before and after.
 */
export async function uploadCharter(
  deps: OrgDeps,
  actor: Actor,
  orgId: string,
  file: { fileName: string; content: Buffer },
): Promise<Organization> {
  if (file.content.length === 0) {
    throw platformErrors.VALIDATION_FAILED(field('file', 'charter.empty', '上传的章程文件是空的'));
  }
  if (file.content.length > CHARTER_MAX_BYTES) {
    throw platformErrors.VALIDATION_FAILED(field('file', 'charter.tooLarge', '章程文件不能超过 10 MB'));
  }
  const fileType = await charterFileType(file.fileName, file.content);
  if (!fileType) {
    throw platformErrors.VALIDATION_FAILED(
      field('file', 'charter.fileType', '章程文件应为 PDF、Word(.docx/.doc)或 JPG/PNG 图片'),
    );
  }
  const fileName =
    file.fileName
      .normalize('NFC')
      .split('')
      .map((ch) => (ch < ' ' || ch === '/' || ch === '\\' ? '_' : ch))
      .join('')
      .slice(-200) || `章程.${fileType}`;
  await withTransaction(deps.db, async (tx) => {
    const detail = await q.findOrgDetail(tx, orgId);
    const isOwnPending = detail?.filings.some((f) => f.submitted_by === actor.userId) ?? false;
    if (!detail || !(mayReadOrg(actor, { id: detail.org.id, areaCode: detail.org.area_code }) || isOwnPending)) {
      throw platformErrors.NOT_FOUND();
    }
    const org = detail.org;
    if (!mayUploadCharter(actor, { id: org.id, areaCode: org.area_code, status: org.status }, isOwnPending)) {
      throw platformErrors.FORBIDDEN();
    }
    const sha256 = createHash('sha256').update(file.content).digest();
    const before = await q.upsertCharter(tx, {
      orgId: org.id,
      fileName,
      fileType,
      content: file.content,
      sha256,
      uploadedBy: actor.userId,
    });
    await appendAudit(tx, deps.cipher.auditKey, auditContextOf(actor, 'filings.submit', org.area_code), {
      action: 'organization.charterUpload',
      entity: 'organization',
      entityId: org.id,
      areaCode: org.area_code,
      before: before && { fileName: before.file_name, sha256: before.sha256.toString('hex') },
      after: { fileName, fileType, size: file.content.length, sha256: sha256.toString('hex') },
    });
  });
  return getOrganization(deps, actor, orgId);
}

/** The charter file, for whoever may see the organization. */
export async function getCharter(deps: OrgDeps, actor: Actor, orgId: string) {
  await getOrganization(deps, actor, orgId);
  const charter = await q.findCharterContent(deps.db, orgId);
  if (!charter) {
    throw platformErrors.NOT_FOUND();
  }
  return { fileName: charter.file_name, fileType: charter.file_type, content: charter.content };
}

function decodeCursor(cursor: string | undefined) {
  if (!cursor) {
    return undefined;
  }
  const [key, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('\u0001');
  if (key === undefined || !id || !/^[0-9a-f-]{36}$/.test(id)) {
    throw platformErrors.VALIDATION_FAILED(field('cursor', 'invalid_format', '分页游标无效'));
  }
  return { key, id };
}

/** The list query's `q`: a credit code, a leader's mobile (via the keyed hash), or ≥ 2 characters of the name. */
export function searchTerms(cipher: PersonalDataCipher, raw: string | undefined) {
  const term = raw?.trim();
  if (!term) {
    return {};
  }
  const compact = term.replace(/[\s-]/g, '').toUpperCase();
  if (/^[0-9A-Z]{18}$/.test(compact) && validateCreditCode(compact).ok) {
    return { creditCode: compact };
  }
  if (/^1[3-9]\d{9}$/.test(compact)) {
    return { leaderMobileHash: cipher.lookupHash(compact) };
  }
  const key = normalizeOrgName(term);
  if (Array.from(key).length < 2) {
    throw platformErrors.VALIDATION_FAILED(field('q', 'org.search.tooShort', '请至少输入名称中的两个字'));
  }
  return { grams: nameBigrams(key), nameLike: key };
}

/** The list's filter (also the export's): the caller's jurisdiction and the query's filters. */
export function listFilterOf(
  deps: OrgDeps,
  actor: Actor,
  query: Omit<OrgListQuery, 'cursor' | 'limit'>,
): Omit<q.OrgListFilter, 'limit' | 'after'> {
  return {
    scope: scopeOf(actor, 'organizations.read'),
    ...searchTerms(deps.cipher, query.q),
    tier: query.tier,
    category: query.category,
    hubKind: query.hubKind,
    status: query.status,
    serviceTarget: query.serviceTarget,
    partyOrg: query.partyOrg,
    foundedYear: query.foundedYear,
    within: query.areaCode ? subtreeRange(query.areaCode, levelOfAreaCode(query.areaCode)) : undefined,
    established: query.established === 'true',
    isHub: query.isHub === 'true',
    hasPartyOrg: query.hasPartyOrg === 'true',
    charterPartyClause: query.charterPartyClause === 'true',
    recognition: query.recognition,
    communityKind: query.communityKind,
    sort: query.sort,
  };
}

export async function listOrganizations(deps: OrgDeps, actor: Actor, query: OrgListQuery) {
  const rows = await q.listOrgsInScope(deps.db, {
    ...listFilterOf(deps, actor, query),
    after: decodeCursor(query.cursor),
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(presentSummary),
    nextCursor:
      rows.length > query.limit && last ? Buffer.from(`${last.sort_key}\u0001${last.id}`).toString('base64url') : null,
  };
}

/** The review queue: filings waiting for a step this actor may take, oldest first. */
export async function listReviewQueue(deps: OrgDeps, actor: Actor) {
  const rows = await q.findFilingsAwaiting(
    deps.db,
    [
      { states: ['awaitingCommittee'], scope: scopeOf(actor, 'filings.committeeReview') },
      { states: ['awaitingTownship'], scope: scopeOf(actor, 'filings.townshipDecide') },
      { states: ['awaitingCivilAffairs'], scope: scopeOf(actor, 'filings.civilAffairsRecord') },
    ],
    200,
  );
  return { items: await presentFilings(deps.db, deps.cipher, actor, rows) };
}

export async function listMyFilings(deps: OrgDeps, actor: Actor) {
  return {
    items: await presentFilings(
      deps.db,
      deps.cipher,
      actor,
      await q.findFilingsBySubmitter(deps.db, actor.userId, 200),
    ),
  };
}

/** The public page: established organizations only, no personal data. */
export async function getDisclosure(deps: OrgDeps, id: string) {
  const org = await q.findOrgById(deps.db, id);
  if (!org || org.status === 'pending' || org.status === 'notEstablished') {
    throw platformErrors.NOT_FOUND();
  }
  return {
    id: org.id,
    name: org.name,
    tier: org.tier,
    category: org.category,
    hubKind: org.hub_kind,
    areaFullName: org.area_full_name ?? org.area_code,
    foundedOn: org.founded_on,
    serviceTargets: org.service_targets,
    status: org.status,
    creditCode: org.credit_code,
    annualReports: (await q.findAcknowledgedAnnualReports(deps.db, org.id)).map((r) => ({
      period: r.period,
      activityCount: r.activity_count,
      content: r.content,
    })),
    recentActivityCount: (await deps.countRecentActivities?.(deps.db, [org.id]))?.get(org.id) ?? 0,
  };
}

export type { FilingStep };

// ─── work reports (003 二.四.2) ──────────────────────────────────────────────

function presentReport(actor: Actor, r: q.ReportRow): WorkReport {
  return {
    id: r.id,
    orgId: r.org_id,
    orgName: r.org_name,
    kind: r.kind,
    period: r.period,
    content: r.content,
    activityCount: r.activity_count,
    state: r.state,
    reviewComment: r.review_comment,
    submittedAt: r.submitted_at.toISOString(),
    reviewedAt: r.reviewed_at?.toISOString() ?? null,
    abilities: {
      review: r.state === 'submitted' && isInScope(scopeOf(actor, 'filings.committeeReview'), r.area_code),
    },
  };
}

/** The current period of a kind: this quarter ('2026-Q4') or this year ('2026'). */
function hasStarted(period: string, now = new Date()): boolean {
  const [year, quarter] = period.split('-Q');
  const start = new Date(Date.UTC(Number(year), quarter ? (Number(quarter) - 1) * 3 : 0, 1));
  return start <= now;
}

/** submitReport — an organization reports its work (quarterly) or its year to the committee. Audits `organization.report`. */
export async function submitReport(deps: OrgDeps, actor: Actor, orgId: string, body: ReportBody) {
  if (!hasStarted(body.period)) {
    throw reportErrors.REPORT_PERIOD_IN_FUTURE(
      field('period', 'REPORT_PERIOD_IN_FUTURE', '不能提交尚未开始的时期的报告'),
    );
  }
  return withTransaction(deps.db, async (tx) => {
    const org = await orgForFiling(tx, actor, orgId);
    const id = await q.insertReport(tx, { orgId, ...body, areaCode: org.area_code, submittedBy: actor.userId });
    if (!id) {
      throw reportErrors.REPORT_ALREADY_SUBMITTED(
        field('period', 'REPORT_ALREADY_SUBMITTED', '该时期的报告已经提交过了'),
      );
    }
    await appendAudit(tx, deps.cipher.auditKey, auditContextOf(actor, 'filings.submit', org.area_code), {
      action: 'organization.report',
      entity: 'organization',
      entityId: orgId,
      areaCode: org.area_code,
      after: { reportId: id, kind: body.kind, period: body.period },
    });
    return id;
  });
}

/** reviewReport — the committee acknowledges a report or comments on it. Audits `report.review`. */
export async function reviewWorkReport(
  deps: OrgDeps,
  actor: Actor,
  reportId: string,
  body: { decision: 'acknowledge' | 'comment'; comment: string },
) {
  return withTransaction(deps.db, async (tx) => {
    const report = await q.findReportInScope(tx, reportId, scopeOf(actor, 'filings.committeeReview'));
    if (!report) {
      throw platformErrors.NOT_FOUND();
    }
    if (report.state !== 'submitted') {
      throw reportErrors.REPORT_ALREADY_REVIEWED();
    }
    const state = body.decision === 'acknowledge' ? 'acknowledged' : 'commented';
    await q.reviewReport(tx, reportId, state, body.comment || null, actor.userId);
    await appendAudit(tx, deps.cipher.auditKey, auditContextOf(actor, 'filings.committeeReview', report.area_code), {
      action: 'report.review',
      entity: 'organization',
      entityId: report.org_id,
      areaCode: report.area_code,
      before: { reportId, state: report.state },
      after: { reportId, state, comment: body.comment || null },
    });
    return report.org_id;
  });
}

export async function listReports(deps: OrgDeps, actor: Actor, orgId: string) {
  await getOrganization(deps, actor, orgId); // same visibility as the record
  return { items: (await q.findReportsOfOrg(deps.db, orgId)).map((r) => presentReport(actor, r)) };
}

/** Organizations in the jurisdiction that have not reported for a period. */
export async function listOverdue(deps: OrgDeps, actor: Actor, query: { kind: string; period: string; limit: number }) {
  const { rows, total } = await q.findOverdue(deps.db, { scope: scopeOf(actor, 'organizations.read'), ...query });
  return {
    total,
    items: rows.map((r) => ({
      id: r.id,
      name: r.name,
      areaCode: r.area_code,
      areaFullName: r.area_full_name ?? r.area_code,
      lastReportAt: r.last_report_at?.toISOString() ?? null,
    })),
  };
}
