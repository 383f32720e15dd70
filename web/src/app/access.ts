import type { PermissionKey } from '@linli/contract/permissions';
import { useMemo } from 'react';
import { useSessionState } from './session';

/** What a page or a button needs: one permission, any one of several, or (null) none. */
export type PermissionNeed = PermissionKey | readonly PermissionKey[] | null;

export type Access = {
  /** Whether any of the user's grants carries the permission (for a list: any of them). The server still checks every call. */
  can: (permission: PermissionNeed) => boolean;
};

export function createAccess(permissions: readonly string[]): Access {
  const held = new Set(permissions);
  return {
    can: (permission) => {
      if (permission === null) {
        return true;
      }
      return typeof permission === 'string' ? held.has(permission) : permission.some((key) => held.has(key));
    },
  };
}

export function useAccess(): Access {
  const { state } = useSessionState();
  const permissions = state.status === 'signedIn' ? state.session.permissions : [];
  return useMemo(() => createAccess(permissions), [permissions]);
}
