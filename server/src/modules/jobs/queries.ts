import type { Queryable } from '../../platform/db';
import type { JobRow } from '../../platform/jobs';

/** A job, only for the person who started it (anyone else gets the same 404 as for a missing one). */
export async function findOwnJob(db: Queryable, id: string, userId: string) {
  const { rows } = await db.query<Omit<JobRow, 'file'> & { has_result_file: boolean }>(
    `SELECT id, kind, state, input, file_name, progress_done, progress_total, result, error, area_code, created_by,
            created_at, finished_at, result_file IS NOT NULL AS has_result_file
       FROM jobs WHERE id = $1 AND created_by = $2`,
    [id, userId],
  );
  return rows[0] ?? null;
}

export async function findOwnResultFile(db: Queryable, id: string, userId: string) {
  const { rows } = await db.query<{ result_file: Buffer | null; kind: string }>(
    'SELECT result_file, kind FROM jobs WHERE id = $1 AND created_by = $2',
    [id, userId],
  );
  return rows[0] ?? null;
}
