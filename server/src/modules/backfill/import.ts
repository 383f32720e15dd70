import { createHash } from 'node:crypto';
import type { BackfillBody } from '@linli/contract/volunteers';
import type { Actor } from '../../platform/access';
import { auditContextOf } from '../../platform/access';
import { appendAudit } from '../../platform/audit';
import { type Db, withTransaction } from '../../platform/db';
import { enqueueJob, type JobContext, type JobOutcome } from '../../platform/jobs';
import type { PersonalDataCipher } from '../../platform/personal-data';
import { findVolunteerIdsByIdentity, hasSameRecord, insertBackfilled, validateBackfill } from '../volunteers/index';
import { type BackfillError, type BackfillKey, errorSheetOf, headerOf, parseBackfillFile } from './sheet';

export const BACKFILL_IMPORT_JOB = 'serviceRecords.import';
export type BackfillMode = 'allOrNothing' | 'validRows';

/** The uploader as the job will act: grants fixed at upload time (no session travels into the job). */
type JobActor = Pick<Actor, 'userId' | 'name' | 'grants' | 'currentArea' | 'sourceIp'>;
type ImportInput = { mode: BackfillMode; orgId: string; areaCode: string; actor: JobActor; fileName: string };

const actorOf = (a: JobActor): Actor => ({
  ...a,
  mustChangePassword: false,
  sessionTokenHash: Buffer.alloc(0),
  csrfToken: '',
});

/** startBackfillImport — queues the upload of an organization's earlier records as a job. */
export async function startBackfillImport(
  deps: { db: Db },
  actor: Actor,
  upload: { orgId: string; areaCode: string; file: Buffer; fileName: string; mode: BackfillMode },
): Promise<string> {
  const input: ImportInput = {
    mode: upload.mode,
    orgId: upload.orgId,
    areaCode: upload.areaCode,
    actor: {
      userId: actor.userId,
      name: actor.name,
      grants: actor.grants,
      currentArea: actor.currentArea,
      sourceIp: actor.sourceIp,
    },
    fileName: upload.fileName,
  };
  return enqueueJob(deps.db, {
    kind: BACKFILL_IMPORT_JOB,
    input,
    file: upload.file,
    fileName: upload.fileName,
    areaCode: upload.areaCode,
    createdBy: actor.userId,
  });
}

/** Where validateBackfill's field paths stand in the sheet. */
const COLUMN_OF: Record<string, BackfillKey | ''> = {
  volunteerId: 'idNumber',
  projectTitle: 'projectTitle',
  address: 'address',
  content: 'content',
  startedAt: 'startedAt',
  endedAt: 'endedAt',
  areaCode: '',
  orgId: '',
};

/**
 * The back-fill job (谁组织谁记录): parse every row, find its volunteer by ID number or registered
 * mobile, check it as a single back-fill would (`validateBackfill`: the organization's own team,
 * times in the past, at most 24 hours). A row whose record already exists (same volunteer,
 * organization, start and end) is skipped, so a second upload of the same file adds nothing.
 * `allOrNothing` writes nothing when any row has an error; `validRows` writes the good ones; a
 * row overlapping another record (in the file or stored) is an error. One transaction, one
 * audit row (`serviceRecord.import`); the records wait for confirmation like any back-fill.
 */
export function backfillJobHandler(deps: { db: Db; cipher: PersonalDataCipher; now?: () => Date }) {
  return async ({ job, progress }: JobContext): Promise<JobOutcome> => {
    const input = job.input as unknown as ImportInput;
    const actor = actorOf(input.actor);
    const file = job.file!;
    const parsed = await parseBackfillFile(file, input.fileName);
    const errors: BackfillError[] = [...parsed.errors];
    const total = parsed.rows.length;
    await progress(0, total);

    const accepted: { rowNumber: number; write: Parameters<typeof insertBackfilled>[1] }[] = [];
    const firstRowOf = new Map<string, number>();
    let skipped = 0;
    for (const [i, row] of parsed.rows.entries()) {
      const v = row.values;
      const identity = v.idNumber ? { idNumber: v.idNumber } : { mobile: v.mobile! };
      const column = headerOf(v.idNumber ? 'idNumber' : 'mobile');
      const ids = await findVolunteerIdsByIdentity(deps, identity);
      if (ids.length !== 1) {
        errors.push(
          ids.length === 0
            ? {
                rowNumber: row.rowNumber,
                column,
                code: 'backfill.volunteer.notFound',
                message: '未找到该志愿者，请核对身份证号码或手机号（志愿者须先实名注册）',
              }
            : {
                rowNumber: row.rowNumber,
                column,
                code: 'backfill.volunteer.ambiguous',
                message: '该手机号对应多名志愿者，请改填身份证号码',
              },
        );
        continue;
      }
      const body: BackfillBody = {
        orgId: input.orgId,
        volunteerId: ids[0]!,
        projectId: null,
        projectTitle: v.projectTitle,
        address: v.address,
        startedAt: v.startedAt.toISOString(),
        endedAt: v.endedAt.toISOString(),
        content: v.content,
      };
      const key = `${body.volunteerId}|${body.startedAt}`;
      const first = firstRowOf.get(key);
      if (first !== undefined) {
        errors.push({
          rowNumber: row.rowNumber,
          column: '',
          code: 'backfill.duplicateRow',
          message: `与第 ${first} 行是同一志愿者同一时间的记录`,
        });
        continue;
      }
      firstRowOf.set(key, row.rowNumber);
      const checked = await validateBackfill(deps, actor, body);
      if ('errors' in checked) {
        for (const f of checked.errors) {
          const k = COLUMN_OF[f.path] ?? '';
          errors.push({
            rowNumber: row.rowNumber,
            column: k === 'idNumber' ? column : k ? headerOf(k) : '',
            code: 'backfill.record',
            message: f.message,
          });
        }
        continue;
      }
      if (
        await hasSameRecord(deps.db, {
          volunteerId: body.volunteerId,
          orgId: input.orgId,
          startedAt: v.startedAt,
          endedAt: v.endedAt,
        })
      ) {
        skipped++;
      } else {
        accepted.push({ rowNumber: row.rowNumber, write: checked.write });
      }
      await progress(i + 1, total);
    }

    const created = await withTransaction(deps.db, async (tx) => {
      const ids: string[] = [];
      await tx.query('SAVEPOINT backfill_all');
      if (!(input.mode === 'allOrNothing' && errors.length > 0)) {
        for (const a of accepted) {
          await tx.query('SAVEPOINT backfill_row');
          try {
            ids.push(await insertBackfilled(tx, a.write));
            await tx.query('RELEASE SAVEPOINT backfill_row');
          } catch (error) {
            await tx.query('ROLLBACK TO SAVEPOINT backfill_row');
            const fields = (error as { fields?: { message: string }[] }).fields;
            if (!fields) {
              throw error;
            }
            errors.push({
              rowNumber: a.rowNumber,
              column: headerOf('startedAt'),
              code: 'backfill.record',
              message: fields[0]?.message ?? '与该志愿者的另一条服务记录时间重叠',
            });
          }
        }
        if (input.mode === 'allOrNothing' && errors.length > 0) {
          // an overlap found on insert still means nothing is written
          await tx.query('ROLLBACK TO SAVEPOINT backfill_all');
          ids.length = 0;
        }
      }
      await appendAudit(tx, deps.cipher.auditKey, auditContextOf(actor, 'serviceRecords.manage', input.areaCode), {
        action: 'serviceRecord.import',
        entity: 'serviceRecord',
        areaCode: input.areaCode,
        after: {
          jobId: job.id,
          orgId: input.orgId,
          fileName: input.fileName,
          sha256: createHash('sha256').update(file).digest('hex'),
          mode: input.mode,
          created: ids.length,
          skipped,
          errors: errors.length,
          recordIds: ids,
        },
      });
      return ids.length;
    });
    errors.sort((a, b) => a.rowNumber - b.rowNumber);
    await progress(total, total);
    return {
      result: {
        rows: total + new Set(parsed.errors.filter((e) => e.rowNumber > 0).map((e) => e.rowNumber)).size,
        created,
        skipped,
        errors: errors.length,
        mode: input.mode,
      },
      resultFile: errors.length > 0 ? await errorSheetOf(errors) : null,
    };
  };
}
