import type { ReactNode } from 'react';
import { Navigate, useLocation, useSearchParams } from 'react-router-dom';
import { type PermissionNeed, useAccess } from './access';
import type { RouteGuard } from './routes';
import { useSessionState } from './session';
import { FailedPage, ForbiddenPage, LoadingPage } from './status-pages';

/** Only same-site paths are followed after sign-in, never `//host` or absolute URLs. */
export function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/';
}

/**
 * Applies a route's guard: sends signed-out users to /sign-in (remembering where they were
 * going), users with a pending password change to /change-password, and signed-in users away
 * from /sign-in. `open` pages are shown to everyone at once, without waiting for the session.
 */
export function Guard({ guard, children }: { guard: RouteGuard; children: ReactNode }) {
  const { state, reload } = useSessionState();
  const location = useLocation();
  const [search] = useSearchParams();

  if (guard === 'open') {
    return children;
  }
  if (state.status === 'loading') {
    return <LoadingPage />;
  }
  if (state.status === 'failed') {
    return <FailedPage error={state.error} onRetry={() => void reload()} />;
  }
  if (guard === 'public') {
    if (state.status === 'signedIn') {
      return (
        <Navigate
          to={
            state.session.user.mustChangePassword
              ? search.get('next')
                ? `/change-password?next=${encodeURIComponent(safeNext(search.get('next')))}`
                : '/change-password'
              : safeNext(search.get('next'))
          }
          replace
        />
      );
    }
    return children;
  }
  if (state.status === 'signedOut') {
    const here = `${location.pathname}${location.search}`;
    return <Navigate to={here === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(here)}`} replace />;
  }
  if (guard === 'shell' && state.session.user.mustChangePassword) {
    return <Navigate to="/change-password" replace />;
  }
  return children;
}

/** Shows 403 instead of a page whose permission the user lacks (the menu hides it already). */
export function RequirePermission({ permission, children }: { permission: PermissionNeed; children: ReactNode }) {
  const { can } = useAccess();
  return can(permission) ? children : <ForbiddenPage />;
}
