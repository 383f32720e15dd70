import type { NeedSummary } from '@linli/contract/needs';
import { Button, DotLoading, ErrorBlock } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { errorText } from '../../app/error-text';
import { chinaDay } from '../format';
import { MobileShell } from '../mobile-shell';
import { MobileNeedStatus } from './need-status';
import { listMyNeeds } from './needs-api';
import { SignedInResident } from './signed-in';

/** 我的需求 (`/m/needs`): the needs the resident posted, newest first, with where each stands; “我要点单” on top. */
export function MyNeedsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <MobileShell
      title={t('needs.mobile.myNeeds')}
      brand={t('needs.mobile.brand')}
      actions={
        <Link to="/m" className="linli-m-brand" style={{ fontSize: 17, fontWeight: 400 }}>
          {t('needs.mobile.activities')}
        </Link>
      }
    >
      <h1>{t('needs.mobile.myNeeds')}</h1>
      <SignedInResident>
        {() => (
          <>
            <Button block color="primary" size="large" onClick={() => navigate('/m/needs/new')}>
              {t('needs.mobile.post')}
            </Button>
            <MyNeedList />
          </>
        )}
      </SignedInResident>
    </MobileShell>
  );
}

function MyNeedList() {
  const { t } = useTranslation();
  const [items, setItems] = useState<NeedSummary[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [isLoading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);

  const load = (from: string | undefined, signal?: AbortSignal) => {
    setLoading(true);
    setError(null);
    listMyNeeds(from, signal).then(
      (page) => {
        setItems((current) => (from ? [...current, ...page.items] : page.items));
        setCursor(page.nextCursor);
        setLoading(false);
      },
      (caught: unknown) => {
        if (!signal?.aborted) {
          setError(caught);
          setLoading(false);
        }
      },
    );
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: loaded once when the page opens
  useEffect(() => {
    const controller = new AbortController();
    load(undefined, controller.signal);
    return () => controller.abort();
  }, []);

  if (error && items.length === 0) {
    return <ErrorBlock status="default" title={errorText(error)} description="" />;
  }
  return (
    <section aria-label={t('needs.mobile.myNeeds')} style={{ marginTop: 16 }}>
      {items.length === 0 && !isLoading ? <p className="linli-m-muted">{t('needs.mobile.none')}</p> : null}
      <ul className="linli-m-list">
        {items.map((need) => (
          <li key={need.id}>
            <Link to={`/m/needs/${need.id}`} className="linli-m-card">
              <div className="linli-m-card-title">{need.title}</div>
              <div>
                <MobileNeedStatus status={need.status} />
              </div>
              <div className="linli-m-muted">
                {t('needs.mobile.postedAt', { at: chinaDay(need.postedAt) })} ·{' '}
                {t('needs.mobile.deadline', { date: need.deadline })}
              </div>
              {need.orgName ? <div>{t('needs.mobile.handledBy', { org: need.orgName })}</div> : null}
            </Link>
          </li>
        ))}
      </ul>
      {isLoading ? (
        <p style={{ textAlign: 'center' }} aria-live="polite">
          {t('app.loading')}
          <DotLoading />
        </p>
      ) : cursor ? (
        <Button block size="large" onClick={() => load(cursor)}>
          {t('common.loadMore')}
        </Button>
      ) : null}
    </section>
  );
}
