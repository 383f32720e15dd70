import type { Reflection } from '@linli/contract/volunteers';
import { Button, DotLoading, ErrorBlock } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { errorText } from '../../app/error-text';
import { chinaDay } from '../format';
import { ReflectionStatus } from './reflection-status';
import { listMyReflections } from './volunteer-api';
import { SignedInVolunteer, VolunteerShell } from './volunteer-shell';

/** 我的心得 (`/m/volunteer/reflections`): what I wrote, whether it is published, and why not if sent back. */
export function MyReflectionsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <VolunteerShell title={t('volunteerMobile.reflectionsTitle')}>
      <h1>{t('volunteerMobile.reflectionsTitle')}</h1>
      <SignedInVolunteer>
        {() => (
          <>
            <Button block color="primary" size="large" onClick={() => navigate('/m/volunteer/reflections/new')}>
              {t('volunteerMobile.writeReflection')}
            </Button>
            <Reflections />
          </>
        )}
      </SignedInVolunteer>
    </VolunteerShell>
  );
}

function Reflections() {
  const { t } = useTranslation();
  const [items, setItems] = useState<Reflection[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    const controller = new AbortController();
    listMyReflections(controller.signal).then(
      (page) => setItems(page.items),
      (caught: unknown) => {
        if (!controller.signal.aborted) {
          setError(caught);
        }
      },
    );
    return () => controller.abort();
  }, []);
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
  return (
    <section style={{ marginTop: 16 }} aria-label={t('volunteerMobile.reflectionsTitle')}>
      {items.length === 0 ? <p className="linli-m-muted">{t('volunteerMobile.noReflections')}</p> : null}
      <ul className="linli-m-list">
        {items.map((x) => (
          <li key={x.id} className="linli-m-card">
            <div className="linli-m-card-title">{x.title}</div>
            <div className="linli-m-muted">
              {x.projectTitle} · {chinaDay(x.createdAt)}
            </div>
            <ReflectionStatus status={x.status} />
            {x.status === 'rejected' && x.reviewReason ? (
              <p className="linli-m-error">{t('volunteerMobile.rejectedBecause', { reason: x.reviewReason })}</p>
            ) : null}
            <p style={{ whiteSpace: 'pre-wrap' }}>{x.text}</p>
            {x.photos.length > 0 ? (
              <ul className="linli-m-photos">
                {x.photos.map((p) => (
                  <li key={p.id}>
                    <img src={p.thumbUrl} alt="" loading="lazy" />
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
