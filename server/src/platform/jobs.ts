import type { Db } from './db';

/**
 * Background jobs: a row per job in PostgreSQL, claimed with FOR UPDATE SKIP LOCKED so any
 * number of server processes share the queue; progress is written as the job runs, so a page
 * can poll it. A job left `running` by a crashed process is queued again at start.
 */
export type JobRow = {
  id: string;
  kind: string;
  state: 'queued' | 'running' | 'succeeded' | 'failed';
  input: Record<string, unknown>;
  file: Buffer | null;
  file_name: string | null;
  progress_done: number;
  progress_total: number;
  result: Record<string, unknown> | null;
  error: string | null;
  area_code: string | null;
  created_by: string;
  created_at: Date;
  finished_at: Date | null;
};

export type JobContext = {
  job: JobRow;
  progress: (done: number, total: number) => Promise<void>;
};

export type JobOutcome = { result: Record<string, unknown>; resultFile?: Buffer | null };
export type JobHandler = (ctx: JobContext) => Promise<JobOutcome>;

export async function enqueueJob(
  db: Db,
  job: {
    kind: string;
    input: Record<string, unknown>;
    file?: Buffer;
    fileName?: string;
    areaCode: string | null;
    createdBy: string;
  },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO jobs (kind, input, file, file_name, area_code, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [job.kind, JSON.stringify(job.input), job.file ?? null, job.fileName ?? null, job.areaCode, job.createdBy],
  );
  return rows[0]!.id;
}

export class JobRunner {
  private readonly handlers = new Map<string, JobHandler>();
  private isStopped = true;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;

  constructor(private readonly db: Db) {}

  register(kind: string, handler: JobHandler): void {
    this.handlers.set(kind, handler);
  }

  /** Works through the queue, then sleeps until `pollMs` passes or `poke` is called after an enqueue. */
  async start(pollMs = 1000): Promise<void> {
    await this.db.query(`UPDATE jobs SET state = 'queued', started_at = NULL WHERE state = 'running'`);
    this.isStopped = false;
    this.loop = (async () => {
      while (!this.isStopped) {
        const didWork = await this.runOne().catch(() => false);
        if (!didWork && !this.isStopped) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, pollMs);
            this.wake = () => {
              clearTimeout(timer);
              resolve();
            };
          });
        }
      }
    })();
  }

  poke(): void {
    this.wake?.();
  }

  /** Lets the job in hand finish, then stops. */
  async stop(): Promise<void> {
    this.isStopped = true;
    this.wake?.();
    await this.loop;
  }

  /** Claims and runs one queued job; false when the queue is empty. */
  async runOne(): Promise<boolean> {
    const kinds = [...this.handlers.keys()];
    const { rows } = await this.db.query<JobRow>(
      `UPDATE jobs SET state = 'running', started_at = now()
        WHERE id = (SELECT id FROM jobs WHERE state = 'queued' AND kind = ANY($1) ORDER BY created_at
                    FOR UPDATE SKIP LOCKED LIMIT 1)
        RETURNING id, kind, state, input, file_name, progress_done, progress_total, result, error, area_code,
                  created_by, created_at, finished_at`,
      [kinds],
    );
    const job = rows[0];
    if (!job) {
      return false;
    }
    job.file = await readJobFile(this.db, job.id);
    const handler = this.handlers.get(job.kind)!;
    let last = 0;
    const progress = async (done: number, total: number) => {
      // at most a few writes a second
      if (Date.now() - last > 250 || done === total) {
        last = Date.now();
        await this.db.query('UPDATE jobs SET progress_done = $2, progress_total = $3 WHERE id = $1', [
          job.id,
          done,
          total,
        ]);
      }
    };
    try {
      const outcome = await handler({ job, progress });
      await this.db.query(
        `UPDATE jobs SET state = 'succeeded', result = $2, result_file = $3, finished_at = now(), file = NULL WHERE id = $1`,
        [job.id, JSON.stringify(outcome.result), outcome.resultFile ?? null],
      );
    } catch (error) {
      await this.db.query(`UPDATE jobs SET state = 'failed', error = $2, finished_at = now() WHERE id = $1`, [
        job.id,
        (error as Error).message.slice(0, 2000),
      ]);
    }
    return true;
  }
}

/** Slices in which `readJobFile` fetches an upload. */
const FILE_SLICE_BYTES = 1 << 20;

/**
 * A job's upload, fetched a slice at a time: bytea arrives hex-encoded (pg has no binary
 * results), so in one piece an 11 MB upload would pass through a 22 MB message and a 22 MB
 * string on top of the file itself.
 */
async function readJobFile(db: Db, id: string): Promise<Buffer | null> {
  const { rows } = await db.query<{ size: number | null }>(
    'SELECT octet_length(file) AS size FROM jobs WHERE id = $1',
    [id],
  );
  const size = rows[0]?.size;
  if (size === null || size === undefined) {
    return null;
  }
  const file = Buffer.allocUnsafe(size);
  for (let offset = 0; offset < size; offset += FILE_SLICE_BYTES) {
    const { rows: slice } = await db.query<{ part: Buffer }>(
      'SELECT substring(file FROM $2 FOR $3) AS part FROM jobs WHERE id = $1',
      [id, offset + 1, FILE_SLICE_BYTES],
    );
    const part = slice[0]!.part;
    if (part.length !== Math.min(FILE_SLICE_BYTES, size - offset)) {
      throw new Error('the upload changed while it was read');
    }
    part.copy(file, offset);
  }
  return file;
}
