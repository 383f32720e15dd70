import type { Session } from '@linli/contract/accounts';
import { Button, SpinLoading } from 'antd-mobile';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router-dom';
import { useSessionState } from '../../app/session';

/**
 * The resident's pages need a session: signed out, the phone goes to the sign-in page and comes
 * back here (`?next=`); a first sign-in changes the password on the way. Without `needs.post`
 * the page says whom to ask.
 */
export function SignedInResident({ children }: { children: (session: Session) => ReactNode }) {
  const { t } = useTranslation();
  const { state, reload } = useSessionState();
  const location = useLocation();
  const here = encodeURIComponent(`${location.pathname}${location.search}`);

  if (state.status === 'loading') {
    return (
      <div style={{ textAlign: 'center', padding: 48 }}>
        <SpinLoading aria-label={t('app.loading')} />
      </div>
    );
  }
  if (state.status === 'failed') {
    return (
      <Button block size="large" onClick={() => void reload()}>
        {t('common.retry')}
      </Button>
    );
  }
  if (state.status === 'signedOut') {
    return <Navigate to={`/sign-in?next=${here}`} replace />;
  }
  if (state.session.user.mustChangePassword) {
    return <Navigate to={`/change-password?next=${here}`} replace />;
  }
  if (!state.session.permissions.includes('needs.post')) {
    return <p className="linli-m-section">{t('needs.mobile.notResident')}</p>;
  }
  return children(state.session);
}
