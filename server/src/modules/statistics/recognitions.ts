import type { Recognition, RecognitionBody, RecognitionKind, RecognitionList } from '@linli/contract/statistics';
import { type Actor, auditContextOf, authorizingGrant, isInScope, scopeOf } from '../../platform/access';
import { appendAudit } from '../../platform/audit';
import { withTransaction } from '../../platform/db';
import { platformErrors } from '../../platform/errors';
import { statisticsErrors } from './errors';
import * as q from './queries';
import type { StatisticsDeps } from './service';

/**
 * 品牌组织 · 示范型组织 · 示范点 (GLOSSARY; 003: ≥ 3 brand organizations per district): recognitions
 * of an organization for a year, granted and revoked by civil affairs, the civilization office or
 * the township whose jurisdiction holds the organization. Revoked ones stay on record. The kinds
 * an organization holds are copied onto `organizations.recognitions` by a trigger (migration
 * 0016), which the registry list filters on and the rollups count.
 */

const present = (r: q.RecognitionRow): Recognition => ({
  id: r.id,
  orgId: r.org_id,
  kind: r.kind as RecognitionKind,
  year: r.year,
  reason: r.reason,
  grantedByName: r.granted_by_name,
  grantedAreaName: r.granted_area_name,
  grantedAt: r.granted_at.toISOString(),
  revokedAt: r.revoked_at?.toISOString() ?? null,
  revokeReason: r.revoke_reason,
});

/** The organization if the actor may read it (one answer, 404, for missing and not yours). */
async function orgFor(
  deps: StatisticsDeps,
  actor: Actor,
  orgId: string,
  permission: 'organizations.read' | 'recognitions.manage',
) {
  const org = await q.findOrgFacts(deps.db, orgId);
  if (!org || !isInScope(scopeOf(actor, permission), org.area_code)) {
    throw platformErrors.NOT_FOUND();
  }
  return org;
}

export async function listRecognitions(deps: StatisticsDeps, actor: Actor, orgId: string): Promise<RecognitionList> {
  const org = await orgFor(deps, actor, orgId, 'organizations.read');
  return {
    items: (await q.findRecognitions(deps.db, org.id)).map(present),
    canManage: isInScope(scopeOf(actor, 'recognitions.manage'), org.area_code),
  };
}

/** grantRecognition — an established organization gets a recognition for a year. Audits `organization.recognize`. */
export async function grantRecognition(deps: StatisticsDeps, actor: Actor, orgId: string, body: RecognitionBody) {
  const org = await orgFor(deps, actor, orgId, 'recognitions.manage');
  if (!['active', 'suspended', 'abnormal'].includes(org.status)) {
    throw statisticsErrors.RECOGNITION_NOT_ESTABLISHED();
  }
  const grant = authorizingGrant(actor, 'recognitions.manage', org.area_code)!;
  await withTransaction(deps.db, async (tx) => {
    const id = await q.insertRecognition(tx, {
      orgId: org.id,
      kind: body.kind,
      year: body.year,
      reason: body.reason,
      grantedBy: actor.userId,
      grantedAreaCode: grant.areaCode,
    });
    if (!id) {
      throw statisticsErrors.RECOGNITION_DUPLICATE([
        { path: 'year', code: 'RECOGNITION_DUPLICATE', message: '该组织在这一年度已获得同一认定' },
      ]);
    }
    await appendAudit(tx, deps.cipher.auditKey, auditContextOf(actor, 'recognitions.manage', org.area_code), {
      action: 'organization.recognize',
      entity: 'organization',
      entityId: org.id,
      areaCode: org.area_code,
      after: { recognitionId: id, kind: body.kind, year: body.year, reason: body.reason },
    });
  });
  return listRecognitions(deps, actor, org.id);
}

/** revokeRecognition — withdraws a recognition with a reason; it stays on record. Audits `organization.recognitionRevoke`. */
export async function revokeRecognition(
  deps: StatisticsDeps,
  actor: Actor,
  orgId: string,
  recognitionId: string,
  reason: string,
) {
  const org = await orgFor(deps, actor, orgId, 'recognitions.manage');
  await withTransaction(deps.db, async (tx) => {
    const r = await q.findRecognitionForUpdate(tx, org.id, recognitionId);
    if (!r) {
      throw platformErrors.NOT_FOUND();
    }
    if (r.revoked_at) {
      throw statisticsErrors.RECOGNITION_ALREADY_REVOKED();
    }
    await q.revokeRecognition(tx, r.id, actor.userId, reason);
    await appendAudit(tx, deps.cipher.auditKey, auditContextOf(actor, 'recognitions.manage', org.area_code), {
      action: 'organization.recognitionRevoke',
      entity: 'organization',
      entityId: org.id,
      areaCode: org.area_code,
      before: { recognitionId: r.id, kind: r.kind, year: r.year },
      after: { revoked: true, reason },
    });
  });
  return listRecognitions(deps, actor, org.id);
}
