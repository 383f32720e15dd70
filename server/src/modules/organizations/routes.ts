import { PassThrough } from 'node:stream';
import { ErrorBody } from '@linli/contract/errors';
import {
  CHARTER_MAX_BYTES,
  ChangeBody,
  DecisionBody,
  DissolveBody,
  EstablishBody,
  FilingList,
  Organization,
  OrgDisclosure,
  OrgList,
  OrgListQuery,
  OrgParams,
  OverdueList,
  OverdueQuery,
  ReportBody,
  ReportReviewBody,
  StatusBody,
  UpgradeBody,
  WorkReportList,
} from '@linli/contract/organizations';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../platform/db';
import { platformErrors } from '../../platform/errors';
import type { JobRunner } from '../../platform/jobs';
import type { PersonalDataCipher } from '../../platform/personal-data';
import { exportOrganizations } from './export';
import { type ImportMode, startSurveyImport } from './import';
import * as orgs from './service';
import { writeSurveyTemplate } from './survey-sheet';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const FilingParams = z.object({ id: z.uuid({ message: 'id.invalid' }) });
const Created = z.object({ orgId: z.string(), filingId: z.string() });

const IMPORT_MODES: readonly ImportMode[] = ['allOrNothing', 'validRows'];

export const organizationRoutes: FastifyPluginAsyncZod<{
  db: Db;
  cipher: PersonalDataCipher;
  jobs: JobRunner;
  countRecentActivities?: orgs.OrgDeps['countRecentActivities'];
}> = async (app, deps) => {
  const tags = ['organizations'];
  const show = (actor: Parameters<typeof orgs.getOrganization>[1], id: string) => orgs.getOrganization(deps, actor, id);

  app.get(
    '/api/organizations',
    {
      schema: {
        summary: 'Organizations in the caller’s jurisdiction',
        tags,
        querystring: OrgListQuery,
        response: { 200: OrgList, ...errors },
      },
      config: { access: 'organizations.read' },
    },
    async (request) => orgs.listOrganizations(deps, request.actor!, request.query),
  );
  app.get(
    '/api/organizations/export',
    {
      schema: {
        summary: 'The filtered list as .xlsx (streamed)',
        tags,
        querystring: OrgListQuery.omit({ cursor: true, limit: true }),
      },
      config: { access: 'organizations.read' },
    },
    async (request, reply) => exportOrganizations(deps, request.actor!, request.query, reply),
  );
  app.get(
    '/api/organizations/import-template',
    {
      schema: { summary: 'The 摸底 survey template (.xlsx with drop-down lists)', tags },
      config: { access: 'organizations.supervise' },
    },
    async (_request, reply) => {
      const stream = new PassThrough();
      reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      reply.header(
        'content-disposition',
        `attachment; filename*=UTF-8''${encodeURIComponent('社区社会组织摸底表.xlsx')}`,
      );
      void writeSurveyTemplate(stream).then(
        () => stream.end(),
        (error: Error) => stream.destroy(error),
      );
      return reply.send(stream);
    },
  );
  app.post(
    '/api/organizations/imports',
    {
      schema: {
        summary:
          'Upload a survey (.xlsx or .csv, multipart field `file`; field `mode`: allOrNothing | validRows); runs as a job',
        tags,
        consumes: ['multipart/form-data'],
        response: { 200: z.object({ jobId: z.string() }), ...errors },
      },
      config: { access: 'organizations.supervise' },
    },
    async (request) => {
      const part = await request.file();
      if (!part) {
        throw platformErrors.VALIDATION_FAILED([
          { path: 'file', code: 'survey.fileMissing', message: '请选择要导入的文件' },
        ]);
      }
      const file = await part.toBuffer();
      const modeField = part.fields.mode;
      const mode = (modeField && 'value' in modeField ? String(modeField.value) : 'validRows') as ImportMode;
      if (!IMPORT_MODES.includes(mode)) {
        throw platformErrors.VALIDATION_FAILED([
          { path: 'mode', code: 'invalid_value', message: '导入方式应为“全部导入或全不导入”或“只导入正确的行”' },
        ]);
      }
      if (!/\.(xlsx|csv)$/i.test(part.filename)) {
        throw platformErrors.VALIDATION_FAILED([
          { path: 'file', code: 'survey.fileType', message: '请上传 .xlsx 或 .csv 文件' },
        ]);
      }
      const jobId = await startSurveyImport(deps, request.actor!, { file, fileName: part.filename, mode });
      deps.jobs.poke();
      return { jobId };
    },
  );
  app.post(
    '/api/organizations',
    {
      schema: {
        summary: 'File a new organization (establish)',
        tags,
        body: EstablishBody,
        response: { 200: Created, ...errors },
      },
      config: { access: 'filings.submit' },
    },
    async (request) => orgs.establishOrganization(deps, request.actor!, request.body),
  );
  app.get(
    '/api/organizations/:id',
    {
      schema: {
        summary: 'One organization with leaders (masked) and its filing timeline',
        tags,
        params: OrgParams,
        response: { 200: Organization, ...errors },
      },
      config: { access: 'authenticated' },
    },
    async (request) => show(request.actor!, request.params.id),
  );
  const CHARTER_MIME = {
    pdf: 'application/pdf',
    docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    doc: 'application/msword',
    jpg: 'image/jpeg',
    png: 'image/png',
  } as const;
  app.put(
    '/api/organizations/:id/charter',
    {
      schema: {
        summary: 'Upload the charter (章程) file — PDF, Word or JPG/PNG, ≤ 10 MB, multipart field `file`',
        tags,
        params: OrgParams,
        consumes: ['multipart/form-data'],
        response: { 200: Organization, ...errors },
      },
      config: { access: 'filings.submit' },
    },
    async (request) => {
      const part = await request.file({ limits: { fileSize: CHARTER_MAX_BYTES + 1 } });
      if (!part) {
        throw platformErrors.VALIDATION_FAILED([
          { path: 'file', code: 'charter.fileMissing', message: '请选择章程文件' },
        ]);
      }
      const content = await part.toBuffer().catch((error: { code?: string }) => {
        if (error.code === 'FST_REQ_FILE_TOO_LARGE') {
          throw platformErrors.VALIDATION_FAILED([
            { path: 'file', code: 'charter.tooLarge', message: '章程文件不能超过 10 MB' },
          ]);
        }
        throw error;
      });
      return orgs.uploadCharter(deps, request.actor!, request.params.id, { fileName: part.filename, content });
    },
  );
  app.get(
    '/api/organizations/:id/charter',
    {
      schema: { summary: 'Download the charter file', tags, params: OrgParams },
      config: { access: 'authenticated' },
    },
    async (request, reply) => {
      const charter = await orgs.getCharter(deps, request.actor!, request.params.id);
      reply.header('content-type', CHARTER_MIME[charter.fileType as keyof typeof CHARTER_MIME]);
      reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(charter.fileName)}`);
      reply.header('x-content-type-options', 'nosniff');
      return reply.send(charter.content);
    },
  );
  app.post(
    '/api/organizations/:id/changes',
    {
      schema: {
        summary: 'File a change of the record',
        tags,
        params: OrgParams,
        body: ChangeBody,
        response: { 200: Organization, ...errors },
      },
      config: { access: 'filings.submit' },
    },
    async (request) => {
      await orgs.fileChange(deps, request.actor!, request.params.id, request.body);
      return show(request.actor!, request.params.id);
    },
  );
  app.post(
    '/api/organizations/:id/dissolution',
    {
      schema: {
        summary: 'File the dissolution (注销)',
        tags,
        params: OrgParams,
        body: DissolveBody,
        response: { 200: Organization, ...errors },
      },
      config: { access: 'filings.submit' },
    },
    async (request) => {
      await orgs.fileDissolve(deps, request.actor!, request.params.id, request.body.reason);
      return show(request.actor!, request.params.id);
    },
  );
  app.post(
    '/api/organizations/:id/upgrade',
    {
      schema: {
        summary: 'File an upgrade: guided → filed → registered',
        tags,
        params: OrgParams,
        body: UpgradeBody,
        response: { 200: Organization, ...errors },
      },
      config: { access: 'filings.submit' },
    },
    async (request) => {
      await orgs.fileUpgrade(deps, request.actor!, request.params.id, request.body);
      return show(request.actor!, request.params.id);
    },
  );
  app.post(
    '/api/organizations/:id/status',
    {
      schema: {
        summary: 'Suspend, mark abnormal, restore, or let an abnormal organization exit',
        tags,
        params: OrgParams,
        body: StatusBody.extend({ status: z.enum(['active', 'suspended', 'abnormal', 'dissolved']) }),
        response: { 200: Organization, ...errors },
      },
      config: { access: 'organizations.supervise' },
    },
    async (request) =>
      show(request.actor!, await orgs.setOrganizationStatus(deps, request.actor!, request.params.id, request.body)),
  );

  app.get(
    '/api/filings/queue',
    {
      schema: {
        summary: 'Filings waiting for a step the caller may take',
        tags,
        response: { 200: FilingList, ...errors },
      },
      config: { access: 'organizations.read' },
    },
    async (request) => orgs.listReviewQueue(deps, request.actor!),
  );
  app.get(
    '/api/filings/mine',
    {
      schema: { summary: 'Filings the caller submitted', tags, response: { 200: FilingList, ...errors } },
      config: { access: 'filings.submit' },
    },
    async (request) => orgs.listMyFilings(deps, request.actor!),
  );
  for (const [path, step, access] of [
    ['committee-opinion', 'committeeOpinion', 'filings.committeeReview'],
    ['township-decision', 'townshipDecision', 'filings.townshipDecide'],
    ['civil-affairs-record', 'civilAffairsRecord', 'filings.civilAffairsRecord'],
  ] as const) {
    app.post(
      `/api/filings/:id/${path}`,
      {
        schema: {
          summary: `Filing step: ${step} (approve, reject, return for changes)`,
          tags,
          params: FilingParams,
          body: DecisionBody,
          response: { 200: Organization, ...errors },
        },
        config: { access },
      },
      async (request) =>
        show(request.actor!, await orgs.decideFiling(deps, request.actor!, request.params.id, step, request.body)),
    );
  }
  app.post(
    '/api/filings/:id/resubmission',
    {
      schema: {
        summary: 'Resubmit a returned filing, with corrections',
        tags,
        params: FilingParams,
        body: ChangeBody,
        response: { 200: Organization, ...errors },
      },
      config: { access: 'filings.submit' },
    },
    async (request) =>
      show(request.actor!, await orgs.resubmitFiling(deps, request.actor!, request.params.id, request.body)),
  );

  app.get(
    '/api/organizations/:id/reports',
    {
      schema: {
        summary: 'Work and annual reports of an organization',
        tags,
        params: OrgParams,
        response: { 200: WorkReportList, ...errors },
      },
      config: { access: 'authenticated' },
    },
    async (request) => orgs.listReports(deps, request.actor!, request.params.id),
  );
  app.post(
    '/api/organizations/:id/reports',
    {
      schema: {
        summary: 'Report work (quarterly) or the year to the committee',
        tags,
        params: OrgParams,
        body: ReportBody,
        response: { 200: WorkReportList, ...errors },
      },
      config: { access: 'filings.submit' },
    },
    async (request) => {
      await orgs.submitReport(deps, request.actor!, request.params.id, request.body);
      return orgs.listReports(deps, request.actor!, request.params.id);
    },
  );
  app.post(
    '/api/reports/:id/review',
    {
      schema: {
        summary: 'The committee acknowledges a report or comments on it',
        tags,
        params: FilingParams,
        body: ReportReviewBody,
        response: { 200: WorkReportList, ...errors },
      },
      config: { access: 'filings.committeeReview' },
    },
    async (request) =>
      orgs.listReports(
        deps,
        request.actor!,
        await orgs.reviewWorkReport(deps, request.actor!, request.params.id, request.body),
      ),
  );
  app.get(
    '/api/reports/overdue',
    {
      schema: {
        summary: 'Organizations in the jurisdiction that have not reported for a period',
        tags,
        querystring: OverdueQuery,
        response: { 200: OverdueList, ...errors },
      },
      config: { access: 'organizations.read' },
    },
    async (request) => orgs.listOverdue(deps, request.actor!, request.query),
  );
  app.get(
    '/api/public/organizations/:id',
    {
      schema: {
        summary: 'The public disclosure page of an organization (no personal data)',
        tags: ['public'],
        params: OrgParams,
        response: { 200: OrgDisclosure, 400: ErrorBody, 404: ErrorBody },
      },
      config: { access: 'public' },
    },
    async (request) => orgs.getDisclosure(deps, request.params.id),
  );
};
