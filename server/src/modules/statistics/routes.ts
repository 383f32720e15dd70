import { ErrorBody } from '@linli/contract/errors';
import { Dashboard, DashboardQuery } from '@linli/contract/statistics';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../platform/db';
import type { PersonalDataCipher } from '../../platform/personal-data';
import * as svc from './service';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

/** C11: the dashboard of an area with its child-area breakdowns, and its Excel export. */
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
};
