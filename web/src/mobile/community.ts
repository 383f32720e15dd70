import { useCallback, useState } from 'react';

/** The community a resident chose, remembered on this device (no account needed). */
export type Community = { code: string; name: string; fullName: string };

const storageKey = 'linli.mobile.community';

function read(): Community | null {
  try {
    const raw = window.localStorage.getItem(storageKey);
    if (!raw) {
      return null;
    }
    const value = JSON.parse(raw) as Partial<Community>;
    return typeof value.code === 'string' && /^\d{12}$/.test(value.code) && typeof value.name === 'string'
      ? { code: value.code, name: value.name, fullName: value.fullName ?? value.name }
      : null;
  } catch {
    return null;
  }
}

export function useRememberedCommunity(): [Community | null, (community: Community) => void] {
  const [community, setCommunity] = useState<Community | null>(read);
  const remember = useCallback((next: Community) => {
    try {
      window.localStorage.setItem(storageKey, JSON.stringify(next));
    } catch {
      // private mode: remembered for this visit only
    }
    setCommunity(next);
  }, []);
  return [community, remember];
}
