import type { Session } from '@linli/contract/accounts';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { rememberCsrfToken } from './request';
import { getSession } from './session-api';

export type SessionState =
  | { status: 'loading' }
  | { status: 'failed'; error: unknown }
  | { status: 'signedOut' }
  | { status: 'signedIn'; session: Session };

type SessionContextValue = {
  state: SessionState;
  /** Replace the session after sign-in, a password change or a jurisdiction switch; null after sign-out. */
  setSession: (session: Session | null) => void;
  reload: () => Promise<void>;
};

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  const setSession = useCallback((session: Session | null) => {
    rememberCsrfToken(session?.csrfToken ?? null);
    setState(session ? { status: 'signedIn', session } : { status: 'signedOut' });
  }, []);

  const reload = useCallback(async () => {
    try {
      setSession(await getSession());
    } catch (error) {
      setState({ status: 'failed', error });
    }
  }, [setSession]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const value = useMemo(() => ({ state, setSession, reload }), [state, setSession, reload]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSessionState(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) {
    throw new Error('useSessionState outside SessionProvider');
  }
  return value;
}

/** The signed-in session; only for components rendered behind the session guard. */
export function useSession(): Session {
  const { state } = useSessionState();
  if (state.status !== 'signedIn') {
    throw new Error('useSession needs a signed-in session');
  }
  return state.session;
}
