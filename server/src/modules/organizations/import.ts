import { createHash, randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { nameBigrams, normalizeOrgName } from '@linli/contract/org-name';
import { type Actor, auditContextOf, isInScope, type Scope, scopeOf } from '../../platform/access';
import { type AuditContext, appendAudit } from '../../platform/audit';
import { type Db, withTransaction } from '../../platform/db';
import { enqueueJob, type JobContext, type JobOutcome } from '../../platform/jobs';
import type { PersonalDataCipher } from '../../platform/personal-data';
import { getArea } from '../areas/index';
import { parseSurveyFile, type SurveyError, type SurveyRow, writeErrorSheet } from './survey-sheet';

export const IMPORT_JOB = 'organizations.import';
export type ImportMode = 'allOrNothing' | 'validRows';

type ImportInput = { mode: ImportMode; scope: Scope; audit: AuditContext; fileName: string };

/**
 * startSurveyImport — queues the 摸底 import of an uploaded .xlsx/.csv as a job (it never runs
 * inside the request, so a big file cannot time out). The jurisdiction is fixed now, from the
 * uploader's grants, and applied to every row when the job runs.
 */
export async function startSurveyImport(
  deps: { db: Db },
  actor: Actor,
  upload: { file: Buffer; fileName: string; mode: ImportMode },
): Promise<string> {
  const input: ImportInput = {
    mode: upload.mode,
    scope: scopeOf(actor, 'organizations.supervise'),
    audit: auditContextOf(actor, 'organizations.supervise'),
    fileName: upload.fileName,
  };
  return enqueueJob(deps.db, {
    kind: IMPORT_JOB,
    input,
    file: upload.file,
    fileName: upload.fileName,
    areaCode: actor.currentArea?.code ?? null,
    createdBy: actor.userId,
  });
}

async function toBuffer(write: (stream: NodeJS.WritableStream) => Promise<void>): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  await write(stream);
  stream.end();
  return Buffer.concat(chunks);
}

/**
 * The import job: parse and validate every row (survey-sheet.ts), then check areas, scope,
 * and what the registry already holds. A row whose name already exists in its township is
 * skipped as already registered, so importing the same file twice creates no duplicates.
 * `allOrNothing` writes nothing when any row has an error; `validRows` writes the good ones.
 * All rows go in one transaction with one audit row (`organization.import`).
 */
export function importJobHandler(deps: { db: Db; cipher: PersonalDataCipher }) {
  return async ({ job, progress }: JobContext): Promise<JobOutcome> => {
    const input = job.input as unknown as ImportInput;
    const file = job.file!;
    const parsed = await parseSurveyFile(file, input.fileName);
    const errors: SurveyError[] = [...parsed.errors];
    const total = parsed.rows.length;
    await progress(0, total);

    // areas: exist, right level, inside the uploader's jurisdiction
    const areaOk = new Map<string, string | null>();
    for (const code of new Set(parsed.rows.map((r) => r.values.areaCode))) {
      const area = await getArea(deps.db, code).catch(() => null);
      areaOk.set(
        code,
        !area
          ? '未找到该行政区划代码'
          : area.level !== 'community' && area.level !== 'township'
            ? '组织所在区划应为社区(村)或街道(乡镇)'
            : !isInScope(input.scope, area.code)
              ? '该区划不在您的管辖范围内'
              : null,
      );
    }
    // what the registry already holds, by township + normalized name, and credit codes
    const keys = parsed.rows.map((r) => `${r.values.areaCode.slice(0, 9)}|${normalizeOrgName(r.values.name)}`);
    const { rows: existing } = await deps.db.query<{ key: string }>(
      `SELECT substr(area_code, 1, 9) || '|' || name_key AS key FROM organizations
        WHERE status NOT IN ('dissolved', 'notEstablished') AND substr(area_code, 1, 9) || '|' || name_key = ANY($1)`,
      [keys],
    );
    const registered = new Set(existing.map((r) => r.key));
    const codes = parsed.rows.map((r) => r.values.creditCode).filter((c): c is string => !!c);
    const { rows: takenCodes } = await deps.db.query<{ credit_code: string }>(
      'SELECT credit_code FROM organizations WHERE credit_code = ANY($1)',
      [codes],
    );
    const codeTaken = new Set(takenCodes.map((r) => r.credit_code));

    const toInsert: SurveyRow[] = [];
    let skipped = 0;
    parsed.rows.forEach((row, i) => {
      const areaProblem = areaOk.get(row.values.areaCode);
      if (areaProblem) {
        errors.push({
          rowNumber: row.rowNumber,
          column: '所在区划代码',
          code: 'survey.areaCode',
          message: areaProblem,
        });
      } else if (registered.has(keys[i]!)) {
        skipped++;
      } else if (row.values.creditCode && codeTaken.has(row.values.creditCode)) {
        errors.push({
          rowNumber: row.rowNumber,
          column: '统一社会信用代码',
          code: 'survey.inconsistent',
          message: '该统一社会信用代码已被名录中的其他组织使用',
        });
      } else {
        toInsert.push(row);
      }
    });
    errors.sort((a, b) => a.rowNumber - b.rowNumber);
    const writes = input.mode === 'allOrNothing' && errors.length > 0 ? [] : toInsert;

    await withTransaction(deps.db, async (tx) => {
      for (let start = 0; start < writes.length; start += 1000) {
        const batch = writes.slice(start, start + 1000);
        const ids = batch.map(() => randomUUID());
        const v = batch.map((r) => r.values);
        await tx.query(
          `INSERT INTO organizations (id, name, name_key, name_grams, tier, category, hub_kind, area_code, founded_on,
             service_targets, venue, member_count, social_worker_count, certified_social_worker_count, party_org,
             charter_party_clause, credit_code, status, created_by, import_job_id)
           SELECT u.id, u.name, u.name_key, string_to_array(u.grams, '|'), u.tier, u.category, u.hub_kind, u.area_code,
                  u.founded_on::date, coalesce(string_to_array(nullif(u.targets, ''), '|'), '{}'), u.venue, u.members, u.workers,
                  u.certified, u.party_org, u.party_clause, u.credit_code, 'active', $18, $19
             FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                         $9::text[], $10::text[], $11::text[], $12::int[], $13::int[], $14::int[], $15::text[],
                         $16::boolean[], $17::text[])
                  AS u(id, name, name_key, grams, tier, category, hub_kind, area_code, founded_on, targets, venue,
                       members, workers, certified, party_org, party_clause, credit_code)
           ON CONFLICT DO NOTHING`,
          [
            ids,
            v.map((x) => x.name),
            v.map((x) => normalizeOrgName(x.name)),
            v.map((x) => nameBigrams(x.name).join('|')),
            v.map((x) => x.tier),
            v.map((x) => x.category),
            v.map((x) => x.hubKind),
            v.map((x) => x.areaCode),
            v.map((x) => x.foundedOn),
            v.map((x) => x.serviceTargets.join('|')),
            v.map((x) => x.venue),
            v.map((x) => x.memberCount),
            v.map((x) => x.socialWorkerCount),
            v.map((x) => x.certifiedSocialWorkerCount),
            v.map((x) => x.partyOrg),
            v.map((x) => x.charterPartyClause),
            v.map((x) => (x.tier === 'registered' ? (x.creditCode ?? null) : null)),
            input.audit.actorId,
            job.id,
          ],
        );
        await tx.query(
          `INSERT INTO org_leaders (org_id, name, role, mobile_enc, mobile_hash)
           SELECT o.id, u.name, 'leader', u.enc, u.hash
             FROM unnest($1::uuid[], $2::text[], $3::bytea[], $4::bytea[]) AS u(org_id, name, enc, hash)
             JOIN organizations o ON o.id = u.org_id`,
          [
            ids,
            v.map((x) => x.leaderName),
            v.map((x) => deps.cipher.encrypt(x.leaderMobile)),
            v.map((x) => deps.cipher.lookupHash(x.leaderMobile)),
          ],
        );
        await progress(Math.min(start + 1000, writes.length), total);
      }
      const { rows: created } = await tx.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM organizations WHERE import_job_id = $1',
        [job.id],
      );
      await appendAudit(tx, deps.cipher.auditKey, input.audit, {
        action: 'organization.import',
        entity: 'organization',
        areaCode: job.area_code,
        after: {
          jobId: job.id,
          fileName: input.fileName,
          sha256: createHash('sha256').update(file).digest('hex'),
          mode: input.mode,
          created: created[0]!.n,
          skipped,
          errors: errors.length,
        },
      });
    });
    const { rows: created } = await deps.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM organizations WHERE import_job_id = $1',
      [job.id],
    );
    await progress(total, total);
    return {
      result: {
        rows: total + new Set(parsed.errors.filter((e) => e.rowNumber > 0).map((e) => e.rowNumber)).size,
        created: created[0]!.n,
        skipped,
        errors: errors.length,
        mode: input.mode,
      },
      resultFile: errors.length > 0 ? await toBuffer((s) => writeErrorSheet(errors, s)) : null,
    };
  };
}
