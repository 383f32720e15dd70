import type { Role } from '@linli/contract/permissions';

/** A row of `role_grants` joined with its area's names. */
export type GrantRow = {
  id: string;
  user_id: string;
  role: Role;
  area_code: string;
  area_level: number;
  org_id: string | null;
  area_name: string;
  area_full_name: string;
};
