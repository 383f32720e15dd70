import { z } from 'zod';

export const AuditEntry = z.object({
  seq: z.number().int(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  actorRole: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  areaCode: z.string().nullable(),
  areaFullName: z.string().nullable(),
  sourceIp: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditListQuery = z.object({
  action: z.string().max(80).optional(),
  entity: z.string().max(80).optional(),
  entityId: z.string().max(80).optional(),
  cursor: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditListQuery = z.infer<typeof AuditListQuery>;

export const AuditList = z.object({ items: z.array(AuditEntry), nextCursor: z.number().nullable() });
export type AuditList = z.infer<typeof AuditList>;
