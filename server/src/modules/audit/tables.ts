/** A row of `audit_log` (server/migrations/0001_foundation.sql) with the actor's name and the area's full name. */
export type AuditRow = {
  seq: number;
  at: Date;
  actor_id: string | null;
  actor_name: string | null;
  actor_role: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  area_code: string | null;
  area_full_name: string | null;
  source_ip: string | null;
  before: unknown;
  after: unknown;
};
