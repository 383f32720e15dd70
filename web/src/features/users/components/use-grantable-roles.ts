import { useEffect, useState } from 'react';
import { type GrantableRole, listGrantableRoles } from '../api';

/** The roles the signed-in user may grant (never above their own), with the levels each binds to. */
export function useGrantableRoles(isEnabled = true): { roles: GrantableRole[]; error: unknown } {
  const [roles, setRoles] = useState<GrantableRole[]>([]);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (!isEnabled) {
      return;
    }
    const controller = new AbortController();
    listGrantableRoles(controller.signal).then(
      (list) => setRoles(list.items),
      (caught: unknown) => {
        if (!controller.signal.aborted) {
          setError(caught);
        }
      },
    );
    return () => controller.abort();
  }, [isEnabled]);
  return { roles, error };
}
