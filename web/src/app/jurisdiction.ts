import { useMemo } from 'react';
import type { AreaChoice } from '../components/area-cascader';
import { useSession } from './session';

/**
 * Where area pickers in forms start: the current jurisdiction chosen in the header, or all
 * grant areas while none is chosen. The server checks the scope again.
 */
export function useJurisdictionRoots(): AreaChoice[] {
  const session = useSession();
  const { currentArea, grants } = session;
  return useMemo(() => {
    if (currentArea) {
      return [
        { code: currentArea.code, level: currentArea.level, name: currentArea.name, fullName: currentArea.fullName },
      ];
    }
    return grants.map((grant) => ({
      code: grant.areaCode,
      level: grant.areaLevel,
      name: grant.areaName,
      fullName: grant.areaFullName,
    }));
  }, [currentArea, grants]);
}
