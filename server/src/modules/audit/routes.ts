import { AuditList, AuditListQuery } from '@linli/contract/audit';
import { ErrorBody } from '@linli/contract/errors';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../platform/db';
import type { PersonalDataCipher } from '../../platform/personal-data';
import { exportAudit, listAudit } from './service';

export const auditRoutes: FastifyPluginAsyncZod<{ db: Db; cipher: PersonalDataCipher }> = async (app, deps) => {
  app.get(
    '/api/audit',
    {
      schema: {
        summary: 'Audit trail within the caller’s jurisdiction, newest first',
        tags: ['audit'],
        querystring: AuditListQuery,
        response: { 200: AuditList, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
      },
      config: { access: 'audit.read' },
    },
    async (request) => listAudit(deps, request.actor!, request.query),
  );
  app.get(
    '/api/audit/export',
    {
      schema: {
        summary: 'The filtered audit trail as .xlsx',
        tags: ['audit'],
        querystring: AuditListQuery.omit({ cursor: true, limit: true }),
      },
      config: { access: 'audit.read' },
    },
    async (request, reply) => exportAudit(deps, request.actor!, request.query, reply),
  );
};
