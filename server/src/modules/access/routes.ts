import { GrantableRoles } from '@linli/contract/accounts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../platform/db';
import { listGrantableRoles } from './service';

export const accessRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app) => {
  app.get(
    '/api/roles/grantable',
    {
      schema: {
        summary: 'Roles the caller may grant inside their jurisdiction',
        tags: ['access'],
        response: { 200: GrantableRoles },
      },
      config: { access: 'roles.grant' },
    },
    async (request) => listGrantableRoles(request.actor!),
  );
};
