import { ErrorBody } from '@linli/contract/errors';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../platform/db';
import { platformErrors } from '../../platform/errors';
import { findOwnJob, findOwnResultFile } from './queries';

export const Job = z.object({
  id: z.string(),
  kind: z.string(),
  state: z.enum(['queued', 'running', 'succeeded', 'failed']),
  fileName: z.string().nullable(),
  progress: z.object({ done: z.number(), total: z.number() }),
  result: z.record(z.string(), z.unknown()).nullable(),
  error: z.string().nullable(),
  hasResultFile: z.boolean(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});

const Params = z.object({ id: z.uuid({ message: 'id.invalid' }) });

/** Jobs (imports and other long work): their progress and result file, for the person who started them. */
export const jobRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/api/jobs/:id',
    {
      schema: {
        summary: 'A job’s state and progress',
        tags: ['jobs'],
        params: Params,
        response: { 200: Job, 404: ErrorBody },
      },
      config: { access: 'authenticated' },
    },
    async (request) => {
      const job = await findOwnJob(db, request.params.id, request.actor!.userId);
      if (!job) {
        throw platformErrors.NOT_FOUND();
      }
      return {
        id: job.id,
        kind: job.kind,
        state: job.state,
        fileName: job.file_name,
        progress: { done: job.progress_done, total: job.progress_total },
        result: job.result,
        error: job.state === 'failed' ? '处理失败，请检查文件后重试' : null,
        hasResultFile: job.has_result_file,
        createdAt: job.created_at.toISOString(),
        finishedAt: job.finished_at?.toISOString() ?? null,
      };
    },
  );
  app.get(
    '/api/jobs/:id/result-file',
    {
      schema: { summary: 'The file a job produced (e.g. the import error sheet)', tags: ['jobs'], params: Params },
      config: { access: 'authenticated' },
    },
    async (request, reply) => {
      const job = await findOwnResultFile(db, request.params.id, request.actor!.userId);
      if (!job?.result_file) {
        throw platformErrors.NOT_FOUND();
      }
      reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('导入错误报告.xlsx')}`);
      return reply.send(job.result_file);
    },
  );
};
