import { ErrorBody } from '@linli/contract/errors';
import {
  Dashboard,
  DashboardQuery,
  OrgIdParams,
  Plan,
  PlanBody,
  PlanList,
  PlanListQuery,
  PlanParams,
  RecognitionBody,
  RecognitionList,
  RecognitionParams,
  RevokeRecognitionBody,
} from '@linli/contract/statistics';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../platform/db';
import type { PersonalDataCipher } from '../../platform/personal-data';
import * as recognitions from './recognitions';
import * as svc from './service';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

/**
 * C11: the dashboard of an area with its child-area breakdowns and its Excel export;
 * recognitions of organizations; plans and their targets with progress.
 */
export const statisticsRoutes: FastifyPluginAsyncZod<{ db: Db; cipher: PersonalDataCipher }> = async (app, deps) => {
  const tags = ['statistics'];
  app.get(
    '/api/statistics/dashboard',
    {
      schema: {
        summary: 'Every figure of an area in the caller’s jurisdiction, each by child area, with its drill-down list',
        tags,
        querystring: DashboardQuery,
        response: { 200: Dashboard, ...errors },
      },
      config: { access: 'statistics.read' },
    },
    async (request) => svc.getDashboard(deps, request.actor!, request.query),
  );
  app.get(
    '/api/statistics/dashboard/export',
    {
      schema: {
        summary: 'The dashboard as .xlsx: an overview and one sheet per table, with area codes and names',
        tags,
        querystring: DashboardQuery,
      },
      config: { access: 'statistics.read' },
    },
    async (request, reply) => {
      const { buffer, filename } = await svc.dashboardWorkbook(deps, request.actor!, request.query);
      reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`);
      return reply.send(buffer);
    },
  );

  // ─── recognitions (品牌组织 · 示范型组织 · 示范点) ───
  app.get(
    '/api/organizations/:id/recognitions',
    {
      schema: {
        summary: 'The organization’s recognitions, live and revoked',
        tags,
        params: OrgIdParams,
        response: { 200: RecognitionList, ...errors },
      },
      config: { access: 'organizations.read' },
    },
    async (request) => recognitions.listRecognitions(deps, request.actor!, request.params.id),
  );
  app.post(
    '/api/organizations/:id/recognitions',
    {
      schema: {
        summary: 'Recognize an established organization for a year (brand, model organization, demonstration site)',
        tags,
        params: OrgIdParams,
        body: RecognitionBody,
        response: { 200: RecognitionList, ...errors },
      },
      config: { access: 'recognitions.manage' },
    },
    async (request) => recognitions.grantRecognition(deps, request.actor!, request.params.id, request.body),
  );
  app.post(
    '/api/organizations/:id/recognitions/:recognitionId/revocation',
    {
      schema: {
        summary: 'Revoke a recognition with a reason (it stays on record)',
        tags,
        params: RecognitionParams,
        body: RevokeRecognitionBody,
        response: { 200: RecognitionList, ...errors },
      },
      config: { access: 'recognitions.manage' },
    },
    async (request) =>
      recognitions.revokeRecognition(
        deps,
        request.actor!,
        request.params.id,
        request.params.recognitionId,
        request.body.reason,
      ),
  );

  // ─── plans and targets ───
  app.get(
    '/api/statistics/plans',
    {
      schema: {
        summary: 'Plans issued for areas in the jurisdiction, each target with its progress by child area',
        tags,
        querystring: PlanListQuery,
        response: { 200: PlanList, ...errors },
      },
      config: { access: 'statistics.read' },
    },
    async (request) => svc.listPlans(deps, request.actor!, request.query),
  );
  app.get(
    '/api/statistics/plans/:id',
    {
      schema: { summary: 'One plan with its progress', tags, params: PlanParams, response: { 200: Plan, ...errors } },
      config: { access: 'statistics.read' },
    },
    async (request) => svc.getPlan(deps, request.actor!, request.params.id),
  );
  app.post(
    '/api/statistics/plans',
    {
      schema: { summary: 'Create a plan with its targets', tags, body: PlanBody, response: { 200: Plan, ...errors } },
      config: { access: 'targets.manage' },
    },
    async (request) => svc.createPlan(deps, request.actor!, request.body),
  );
  app.put(
    '/api/statistics/plans/:id',
    {
      schema: {
        summary: 'Change a plan: title, period and its whole list of targets (fill in a preset’s blanks here)',
        tags,
        params: PlanParams,
        body: PlanBody,
        response: { 200: Plan, ...errors },
      },
      config: { access: 'targets.manage' },
    },
    async (request) => svc.updatePlan(deps, request.actor!, request.params.id, request.body),
  );
  app.delete(
    '/api/statistics/plans/:id',
    {
      schema: {
        summary: 'Delete a plan an officer made (presets stay)',
        tags,
        params: PlanParams,
        response: { 200: z.object({ deleted: z.literal(true) }), ...errors },
      },
      config: { access: 'targets.manage' },
    },
    async (request) => {
      await svc.deletePlan(deps, request.actor!, request.params.id);
      return { deleted: true as const };
    },
  );
};
