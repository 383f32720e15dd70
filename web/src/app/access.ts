import type { PermissionKey } from '@linli/contract/permissions';
import { useMemo } from 'react';
import { useSessionState } from './session';

export type Access = {
  /** Whether any of the user's grants carries the permission. The server still checks every call. */
  can: (permission: PermissionKey | null) => boolean;
};

export function createAccess(permissions: readonly string[]): Access {
  const held = new Set(permissions);
  return { can: (permission) => permission === null || held.has(permission) };
}

export function useAccess(): Access {
  const { state } = useSessionState();
  const permissions = state.status === 'signedIn' ? state.session.permissions : [];
  return useMemo(() => createAccess(permissions), [permissions]);
}
