import { ErrorBody, Ok } from '@linli/contract/errors';
import {
  AddresseeChoiceQuery,
  AddresseeChoices,
  AddresseeList,
  AddresseeListQuery,
  AnswersBody,
  ExtendBody,
  FileFieldQuery,
  FileInfo,
  Inbox,
  ReasonBody,
  ReminderNotices,
  ReportFileParams,
  ReportTask,
  ReportTaskBody,
  ReportTaskList,
  ReportTaskListQuery,
  ReportTaskParams,
  SendingAreas,
  Submission,
  SubmissionParams,
} from '@linli/contract/report-tasks';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../platform/db';
import { platformErrors } from '../../platform/errors';
import type { PersonalDataCipher } from '../../platform/personal-data';
import { exportAnswers } from './export';
import * as svc from './service';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

const MIME: Record<string, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  ppt: 'application/vnd.ms-powerpoint',
  jpg: 'image/jpeg',
  png: 'image/png',
  zip: 'application/zip',
};

/** The one uploaded file of a multipart request (field `file`), at most 20 MB. */
async function uploadedFile(request: FastifyRequest) {
  const part = await request.file({ limits: { fileSize: svc.FILE_MAX_BYTES + 1 } });
  if (!part) {
    throw platformErrors.VALIDATION_FAILED([{ path: 'file', code: 'reportTask.file.missing', message: '请选择文件' }]);
  }
  const content = await part.toBuffer().catch((error: { code?: string }) => {
    if (error.code === 'FST_REQ_FILE_TOO_LARGE') {
      throw platformErrors.VALIDATION_FAILED([
        { path: 'file', code: 'reportTask.file.tooLarge', message: '文件不能超过 20 MB' },
      ]);
    }
    throw error;
  });
  return { fileName: part.filename, content };
}

/**
 * 填报任务 (C11, 001 三.四): the sender's tasks (`reportTasks.send`) and the addressee areas'
 * submissions (`reportTasks.submit`), files, reminders and the export.
 */
export const reportTaskRoutes: FastifyPluginAsyncZod<{ db: Db; cipher: PersonalDataCipher }> = async (app, deps) => {
  const tags = ['report-tasks'];

  // ─── sender ────────────────────────────────────────────────────────────────
  app.get(
    '/api/report-tasks',
    {
      schema: {
        summary: 'Report tasks sent from the jurisdiction, newest first, with their figures',
        tags,
        querystring: ReportTaskListQuery,
        response: { 200: ReportTaskList, ...errors },
      },
      config: { access: 'reportTasks.send' },
    },
    async (request) => svc.listTasks(deps, request.actor!, request.query),
  );
  app.get(
    '/api/report-tasks/sending-areas',
    {
      schema: {
        summary: 'The areas I send from, their child areas and the levels below with how many areas each holds',
        tags,
        response: { 200: SendingAreas, ...errors },
      },
      config: { access: 'reportTasks.send' },
    },
    async (request) => svc.sendingAreas(deps, request.actor!),
  );
  app.get(
    '/api/report-tasks/addressee-choices',
    {
      schema: {
        summary: 'The area picker: areas of a level in a sending area’s subtree, by name',
        tags,
        querystring: AddresseeChoiceQuery,
        response: { 200: AddresseeChoices, ...errors },
      },
      config: { access: 'reportTasks.send' },
    },
    async (request) => svc.addresseeChoices(deps, request.actor!, request.query),
  );
  app.post(
    '/api/report-tasks',
    {
      schema: {
        summary: 'Create a draft report task to the areas of one level (the child areas by default)',
        tags,
        body: ReportTaskBody,
        response: { 200: ReportTask, ...errors },
      },
      config: { access: 'reportTasks.send' },
    },
    async (request) => svc.createTask(deps, request.actor!, request.body),
  );
  app.get(
    '/api/report-tasks/:id',
    {
      schema: {
        summary: 'A report task with the figures of the addressees I read',
        tags,
        params: ReportTaskParams,
        response: { 200: ReportTask, ...errors },
      },
      config: { access: 'reportTasks.send' },
    },
    async (request) => svc.getTask(deps, request.actor!, request.params.id),
  );
  app.get(
    '/api/report-tasks/:id/addressees',
    {
      schema: {
        summary: 'The status table: a page of addressee areas (keyset by area code), by status and area in between',
        tags,
        params: ReportTaskParams,
        querystring: AddresseeListQuery,
        response: { 200: AddresseeList, ...errors },
      },
      config: { access: 'reportTasks.send' },
    },
    async (request) => svc.listAddressees(deps, request.actor!, request.params.id, request.query),
  );
  app.put(
    '/api/report-tasks/:id',
    {
      schema: {
        summary: 'Edit a draft (form, deadline, addressees); a sent task’s form is fixed',
        tags,
        params: ReportTaskParams,
        body: ReportTaskBody,
        response: { 200: ReportTask, ...errors },
      },
      config: { access: 'reportTasks.send' },
    },
    async (request) => svc.updateTask(deps, request.actor!, request.params.id, request.body),
  );
  app.delete(
    '/api/report-tasks/:id',
    {
      schema: { summary: 'Discard a draft', tags, params: ReportTaskParams, response: { 200: Ok, ...errors } },
      config: { access: 'reportTasks.send' },
    },
    async (request) => svc.discardTask(deps, request.actor!, request.params.id),
  );
  app.post(
    '/api/report-tasks/:id/send',
    {
      schema: {
        summary: 'Send a draft to its addressee areas (the form is fixed from now on)',
        tags,
        params: ReportTaskParams,
        response: { 200: ReportTask, ...errors },
      },
      config: { access: 'reportTasks.send' },
    },
    async (request) => svc.sendTask(deps, request.actor!, request.params.id),
  );
  app.post(
    '/api/report-tasks/:id/extend',
    {
      schema: {
        summary: 'Extend the deadline of a sent task',
        tags,
        params: ReportTaskParams,
        body: ExtendBody,
        response: { 200: ReportTask, ...errors },
      },
      config: { access: 'reportTasks.send' },
    },
    async (request) => svc.extendDeadline(deps, request.actor!, request.params.id, request.body),
  );
  app.post(
    '/api/report-tasks/:id/withdraw',
    {
      schema: {
        summary: 'Withdraw a sent task, with a reason',
        tags,
        params: ReportTaskParams,
        body: ReasonBody,
        response: { 200: ReportTask, ...errors },
      },
      config: { access: 'reportTasks.send' },
    },
    async (request) => svc.withdrawTask(deps, request.actor!, request.params.id, request.body),
  );
  app.put(
    '/api/report-tasks/:id/template',
    {
      schema: {
        summary: 'Attach the template file of a draft (multipart field `file`, ≤ 20 MB)',
        tags,
        params: ReportTaskParams,
        consumes: ['multipart/form-data'],
        response: { 200: ReportTask, ...errors },
      },
      config: { access: 'reportTasks.send' },
    },
    async (request) => svc.uploadTemplate(deps, request.actor!, request.params.id, await uploadedFile(request)),
  );
  app.delete(
    '/api/report-tasks/:id/template',
    {
      schema: {
        summary: 'Remove the template file of a draft',
        tags,
        params: ReportTaskParams,
        response: { 200: ReportTask, ...errors },
      },
      config: { access: 'reportTasks.send' },
    },
    async (request) => svc.removeTemplate(deps, request.actor!, request.params.id),
  );
  app.get(
    '/api/report-tasks/:id/submissions/:areaCode',
    {
      schema: {
        summary: 'One addressee area’s answers as last submitted',
        tags,
        params: SubmissionParams,
        response: { 200: Submission, ...errors },
      },
      config: { access: 'reportTasks.send' },
    },
    async (request) => svc.getSubmissionForSender(deps, request.actor!, request.params.id, request.params.areaCode),
  );
  app.post(
    '/api/report-tasks/:id/submissions/:areaCode/return',
    {
      schema: {
        summary: 'Return a submission to its area for changes, with a reason',
        tags,
        params: SubmissionParams,
        body: ReasonBody,
        response: { 200: Submission, ...errors },
      },
      config: { access: 'reportTasks.send' },
    },
    async (request) =>
      svc.returnSubmission(deps, request.actor!, request.params.id, request.params.areaCode, request.body),
  );
  app.get(
    '/api/report-tasks/:id/export',
    {
      schema: {
        summary: 'All areas’ answers as one Excel workbook (a row per area, a column per field)',
        tags,
        params: ReportTaskParams,
      },
      config: { access: 'reportTasks.send' },
    },
    async (request, reply) =>
      exportAnswers(deps, request.actor!, request.params.id, `${request.protocol}://${request.host}`, reply),
  );

  // ─── files (sender side or addressee; checked per file) ────────────────────
  app.get(
    '/api/report-task-files/:fileId',
    {
      schema: { summary: 'Download a template or an answer attachment', tags, params: ReportFileParams },
      config: { access: 'authenticated' },
    },
    async (request, reply) => {
      const f = await svc.readFile(deps, request.actor!, request.params.fileId);
      reply.header('content-type', MIME[f.fileType] ?? 'application/octet-stream');
      reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.fileName)}`);
      reply.header('x-content-type-options', 'nosniff');
      return reply.send(f.content);
    },
  );

  // ─── addressee areas ───────────────────────────────────────────────────────
  app.get(
    '/api/report-submissions',
    {
      schema: {
        summary: 'Report tasks addressed to my areas, with each area’s status',
        tags,
        response: { 200: Inbox, ...errors },
      },
      config: { access: 'reportTasks.submit' },
    },
    async (request) => svc.listInbox(deps, request.actor!),
  );
  app.get(
    '/api/report-submissions/reminders',
    {
      schema: {
        summary: 'Reminders of tasks my areas have not submitted yet (the menu badge)',
        tags,
        response: { 200: ReminderNotices, ...errors },
      },
      config: { access: 'reportTasks.submit' },
    },
    async (request) => svc.listReminders(deps, request.actor!),
  );
  app.get(
    '/api/report-submissions/:id/:areaCode',
    {
      schema: {
        summary: 'A task addressed to my area and my area’s answers',
        tags,
        params: SubmissionParams,
        response: { 200: Submission, ...errors },
      },
      config: { access: 'reportTasks.submit' },
    },
    async (request) => svc.getMySubmission(deps, request.actor!, request.params.id, request.params.areaCode),
  );
  app.put(
    '/api/report-submissions/:id/:areaCode',
    {
      schema: {
        summary: 'Save my area’s answers as a draft',
        tags,
        params: SubmissionParams,
        body: AnswersBody,
        response: { 200: Submission, ...errors },
      },
      config: { access: 'reportTasks.submit' },
    },
    async (request) =>
      svc.saveDraft(deps, request.actor!, request.params.id, request.params.areaCode, request.body.answers),
  );
  app.post(
    '/api/report-submissions/:id/:areaCode/submit',
    {
      schema: {
        summary: 'Submit my area’s answers (after the deadline they are accepted and marked late)',
        tags,
        params: SubmissionParams,
        body: AnswersBody,
        response: { 200: Submission, ...errors },
      },
      config: { access: 'reportTasks.submit' },
    },
    async (request) =>
      svc.submit(deps, request.actor!, request.params.id, request.params.areaCode, request.body.answers),
  );
  app.post(
    '/api/report-submissions/:id/:areaCode/files',
    {
      schema: {
        summary: 'Upload an attachment for a file field (multipart field `file`, ≤ 20 MB)',
        tags,
        params: SubmissionParams,
        querystring: FileFieldQuery,
        consumes: ['multipart/form-data'],
        response: { 200: FileInfo, ...errors },
      },
      config: { access: 'reportTasks.submit' },
    },
    async (request) =>
      svc.uploadAnswerFile(
        deps,
        request.actor!,
        request.params.id,
        request.params.areaCode,
        request.query.fieldId,
        await uploadedFile(request),
      ),
  );
};
