import type { Session } from '@linli/contract/accounts';
import type { VolunteerView } from '@linli/contract/volunteers';
import { Button, SpinLoading } from 'antd-mobile';
import { type ReactNode, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useNavigate } from 'react-router-dom';
import { errorText } from '../../app/error-text';
import { ApiError } from '../../app/request';
import { useSessionState } from '../../app/session';
import { MobileShell } from '../mobile-shell';
import { getMe } from './volunteer-api';

/** The volunteer pages' frame: their own brand, and the way home (志愿者首页) in the header. */
export function VolunteerShell({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <MobileShell
      title={title}
      brand={t('volunteerMobile.brand')}
      actions={
        <Link to="/m/volunteer" className="linli-m-brand linli-m-header-link">
          {t('volunteerMobile.home')}
        </Link>
      }
    >
      {children}
    </MobileShell>
  );
}

function Loading() {
  const { t } = useTranslation();
  return (
    <div style={{ textAlign: 'center', padding: 48 }}>
      <SpinLoading aria-label={t('app.loading')} />
    </div>
  );
}

export type MeState = { me: VolunteerView | null; reload: () => void };

/**
 * The volunteer's own pages need a session with `volunteers.self`: signed out, the phone goes to
 * the sign-in page and comes back (`?next=`). The volunteer profile is loaded once; without a
 * registration the page offers it (unless it is the registration page itself).
 */
export function SignedInVolunteer({
  children,
  requireRegistered = true,
}: {
  children: (session: Session, me: MeState) => ReactNode;
  requireRegistered?: boolean;
}) {
  const { t } = useTranslation();
  const { state, reload: reloadSession } = useSessionState();
  const location = useLocation();
  const navigate = useNavigate();
  const here = encodeURIComponent(`${location.pathname}${location.search}`);
  const isVolunteer = state.status === 'signedIn' && state.session.permissions.includes('volunteers.self');
  const [me, setMe] = useState<
    { status: 'loading' } | { status: 'ready'; me: VolunteerView | null } | { status: 'failed'; error: unknown }
  >({ status: 'loading' });
  const load = useCallback((signal?: AbortSignal) => {
    getMe(signal).then(
      (view) => setMe({ status: 'ready', me: view }),
      (caught: unknown) => {
        if (signal?.aborted) {
          return;
        }
        if (caught instanceof ApiError && caught.code === 'VOLUNTEER_NOT_REGISTERED') {
          setMe({ status: 'ready', me: null });
        } else {
          setMe({ status: 'failed', error: caught });
        }
      },
    );
  }, []);
  useEffect(() => {
    if (!isVolunteer) {
      return;
    }
    const controller = new AbortController();
    load(controller.signal);
    return () => controller.abort();
  }, [isVolunteer, load]);

  if (state.status === 'loading') {
    return <Loading />;
  }
  if (state.status === 'failed') {
    return (
      <Button block size="large" onClick={() => void reloadSession()}>
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
  if (!isVolunteer) {
    return <p className="linli-m-section">{t('volunteerMobile.notVolunteer')}</p>;
  }
  if (me.status === 'loading') {
    return <Loading />;
  }
  if (me.status === 'failed') {
    return (
      <>
        <p role="alert" className="linli-m-section linli-m-error">
          {errorText(me.error)}
        </p>
        <Button block size="large" onClick={() => load()}>
          {t('common.retry')}
        </Button>
      </>
    );
  }
  if (requireRegistered && !me.me) {
    return (
      <section className="linli-m-section">
        <p>{t('volunteerMobile.registerFirst')}</p>
        <Button block color="primary" size="large" onClick={() => navigate(`/m/volunteer/register?next=${here}`)}>
          {t('volunteerMobile.registerNow')}
        </Button>
      </section>
    );
  }
  return children(state.session, { me: me.me, reload: () => load() });
}
