import { PassThrough } from 'node:stream';
import { ErrorBody } from '@linli/contract/errors';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../platform/db';
import { platformErrors } from '../../platform/errors';
import type { JobRunner } from '../../platform/jobs';
import type { PersonalDataCipher } from '../../platform/personal-data';
import { organizationFor } from '../volunteers/index';
import { type BackfillMode, startBackfillImport } from './import';
import { writeBackfillTemplate } from './sheet';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const MODES: readonly BackfillMode[] = ['allOrNothing', 'validRows'];
const OrgParams = z.object({ orgId: z.uuid({ message: 'id.invalid' }) });

/** 补录: an organization's earlier service records from a spreadsheet, run as a job (progress at /api/jobs/:id). */
export const backfillRoutes: FastifyPluginAsyncZod<{ db: Db; cipher: PersonalDataCipher; jobs: JobRunner }> = async (
  app,
  deps,
) => {
  const tags = ['volunteers'];
  app.get(
    '/api/service-records/import-template',
    {
      schema: { summary: 'The back-fill template (.xlsx with checks and a minutes formula)', tags },
      config: { access: 'serviceRecords.manage' },
    },
    async (_request, reply) => {
      const stream = new PassThrough();
      reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      reply.header(
        'content-disposition',
        `attachment; filename*=UTF-8''${encodeURIComponent('志愿服务记录补录表.xlsx')}`,
      );
      void writeBackfillTemplate(stream).then(
        () => stream.end(),
        (error: Error) => stream.destroy(error),
      );
      return reply.send(stream);
    },
  );
  app.post(
    '/api/organizations/:orgId/service-record-imports',
    {
      schema: {
        summary:
          'Upload earlier records (.xlsx, multipart field `file`; field `mode`: allOrNothing | validRows); runs as a job',
        tags,
        params: OrgParams,
        consumes: ['multipart/form-data'],
        response: { 200: z.object({ jobId: z.string() }), ...errors },
      },
      config: { access: 'serviceRecords.manage' },
    },
    async (request) => {
      const org = await organizationFor(deps.db, request.actor!, request.params.orgId, 'serviceRecords.manage');
      if (!org?.actsFor) {
        throw platformErrors.NOT_FOUND();
      }
      const part = await request.file();
      if (!part) {
        throw platformErrors.VALIDATION_FAILED([
          { path: 'file', code: 'backfill.fileMissing', message: '请选择要导入的文件' },
        ]);
      }
      const file = await part.toBuffer();
      const modeField = part.fields.mode;
      const mode = (modeField && 'value' in modeField ? String(modeField.value) : 'validRows') as BackfillMode;
      if (!MODES.includes(mode)) {
        throw platformErrors.VALIDATION_FAILED([
          { path: 'mode', code: 'invalid_value', message: '导入方式应为“全部导入或全不导入”或“只导入正确的行”' },
        ]);
      }
      if (!/\.xlsx$/i.test(part.filename)) {
        throw platformErrors.VALIDATION_FAILED([
          { path: 'file', code: 'backfill.fileType', message: '请上传 .xlsx 文件' },
        ]);
      }
      const jobId = await startBackfillImport(deps, request.actor!, {
        orgId: org.id,
        areaCode: org.areaCode,
        file,
        fileName: part.filename,
        mode,
      });
      deps.jobs.poke();
      return { jobId };
    },
  );
};
