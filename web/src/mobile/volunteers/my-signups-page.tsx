import type { Signup } from '@linli/contract/volunteers';
import { Button, Dialog, DotLoading, ErrorBlock, Toast } from 'antd-mobile';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { errorText } from '../../app/error-text';
import { whenText } from '../format';
import { SignupStatus } from './signup-status';
import { cancelSignup, listMySignups } from './volunteer-api';
import { SignedInVolunteer, VolunteerShell } from './volunteer-shell';

/** Check-in opens this long before a shift starts (the server's rule: volunteers/service.ts). */
export const CHECKIN_EARLY_MS = 30 * 60_000;

/**
 * 我的报名 (`/m/volunteer/signups`): every shift I signed up for, newest first: confirmed or my
 * number in the waiting list; cancel before the shift starts; scan to check in when it is time.
 */
export function MySignupsPage() {
  const { t } = useTranslation();
  return (
    <VolunteerShell title={t('volunteerMobile.signupsTitle')}>
      <h1>{t('volunteerMobile.signupsTitle')}</h1>
      <SignedInVolunteer>{() => <Signups />}</SignedInVolunteer>
    </VolunteerShell>
  );
}

function Signups() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [items, setItems] = useState<Signup[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const load = useCallback((signal?: AbortSignal) => {
    listMySignups(signal).then(
      (page) => setItems(page.items),
      (caught: unknown) => {
        if (!signal?.aborted) {
          setError(caught);
        }
      },
    );
  }, []);
  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal);
    return () => controller.abort();
  }, [load]);

  const cancel = async (signup: Signup) => {
    const isSure = await Dialog.confirm({
      title: t('volunteerMobile.cancelTitle'),
      content: t('volunteerMobile.cancelConfirm', {
        project: signup.projectTitle,
        when: whenText(signup.startsAt, signup.endsAt),
      }),
      confirmText: t('volunteerMobile.cancelSignup'),
      cancelText: t('volunteerMobile.keepSignup'),
    });
    if (!isSure) {
      return;
    }
    setBusy(signup.id);
    try {
      await cancelSignup(signup.id);
      Toast.show({ icon: 'success', content: t('volunteerMobile.cancelled') });
      load();
    } catch (caught) {
      await Dialog.alert({ content: errorText(caught), confirmText: t('common.confirm') });
    } finally {
      setBusy(null);
    }
  };

  if (error) {
    return <ErrorBlock status="default" title={errorText(error)} description="" />;
  }
  if (!items) {
    return (
      <p style={{ textAlign: 'center' }} aria-live="polite">
        {t('app.loading')}
        <DotLoading />
      </p>
    );
  }
  const now = Date.now();
  return (
    <>
      {items.length === 0 ? (
        <p className="linli-m-section">
          {t('volunteerMobile.noSignups')} <Link to="/m/volunteer/projects">{t('volunteerMobile.tile.projects')}</Link>
        </p>
      ) : null}
      <ul className="linli-m-list">
        {items.map((signup) => {
          const starts = Date.parse(signup.startsAt);
          const ends = Date.parse(signup.endsAt);
          const isLive = signup.status !== 'cancelled';
          const canCancel = isLive && starts > now;
          const canCheckIn =
            signup.status === 'confirmed' && now >= starts - CHECKIN_EARLY_MS && now < ends + 12 * 3_600_000;
          return (
            <li key={signup.id} className="linli-m-card">
              <div className="linli-m-card-when">{whenText(signup.startsAt, signup.endsAt)}</div>
              <Link
                to={`/m/volunteer/projects/${signup.projectId}`}
                className="linli-m-card-title"
                style={{ display: 'block' }}
              >
                {signup.projectTitle}
              </Link>
              <div>
                {signup.roleName} <SignupStatus signup={signup} />
              </div>
              <div className="linli-m-actions">
                {canCheckIn ? (
                  <Button
                    color="primary"
                    size="large"
                    onClick={() => navigate(`/m/volunteer/scan?shift=${signup.shiftId}`)}
                  >
                    {t('volunteerMobile.tile.scan')}
                  </Button>
                ) : null}
                {canCancel ? (
                  <Button
                    fill="outline"
                    size="large"
                    loading={busy === signup.id}
                    aria-label={`${t('volunteerMobile.cancelSignup')} ${signup.projectTitle}`}
                    onClick={() => void cancel(signup)}
                  >
                    {t('volunteerMobile.cancelSignup')}
                  </Button>
                ) : null}
              </div>
            </li>
          );
        })}
      </ul>
    </>
  );
}
