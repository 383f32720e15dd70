import type { Need } from '@linli/contract/needs';
import { Button, Dialog, ErrorBlock, SpinLoading, TextArea, Toast } from 'antd-mobile';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { errorText } from '../../app/error-text';
import { ApiError } from '../../app/request';
import { chinaDay } from '../format';
import { MobileShell } from '../mobile-shell';
import { MobileNeedStatus } from './need-status';
import { cancelMyNeed, getMyNeed, rateMyNeed } from './needs-api';
import { SignedInResident } from './signed-in';

/** One of the resident's needs (`/m/needs/:id`): where it stands, its progress, withdraw while allowed, rate when done. */
export function MyNeedPage() {
  const { t } = useTranslation();
  return (
    <MobileShell
      title={t('needs.mobile.myNeeds')}
      brand={t('needs.mobile.brand')}
      actions={
        <Link to="/m/needs" className="linli-m-brand" style={{ fontSize: 17, fontWeight: 400 }}>
          {t('needs.mobile.back')}
        </Link>
      }
    >
      <SignedInResident>{() => <NeedLoader />}</SignedInResident>
    </MobileShell>
  );
}

function NeedLoader() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [need, setNeed] = useState<Need | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const controller = new AbortController();
    setNeed(null);
    setError(null);
    getMyNeed(id, controller.signal).then(setNeed, (caught: unknown) => {
      if (!controller.signal.aborted) {
        setError(caught);
      }
    });
    return () => controller.abort();
  }, [id]);

  if (error instanceof ApiError && (error.status === 404 || error.status === 400)) {
    return (
      <ErrorBlock
        status="empty"
        title={<h1>{t('needs.mobile.notFoundTitle')}</h1>}
        description={t('needs.mobile.notFound')}
      />
    );
  }
  if (error) {
    return <ErrorBlock status="default" title={errorText(error)} description="" />;
  }
  if (!need) {
    return (
      <div style={{ textAlign: 'center', padding: 48 }}>
        <SpinLoading aria-label={t('app.loading')} />
      </div>
    );
  }
  return <NeedView need={need} onChange={setNeed} />;
}

function NeedView({ need, onChange }: { need: Need; onChange: (need: Need) => void }) {
  const { t } = useTranslation();
  const isWaiting = need.status === 'posted' || need.status === 'redispatched' || need.status === 'refused';
  return (
    <>
      <h1>{need.title}</h1>
      <p>
        <MobileNeedStatus status={need.status} />{' '}
        {isWaiting ? (
          <span className="linli-m-muted">
            {t('needs.mobile.waitingAt', { level: t(`needs.level.${need.dispatchLevel}`) })}
          </span>
        ) : null}
      </p>
      <dl className="linli-m-facts">
        <dt>{t('needs.fields.description')}</dt>
        <dd style={{ whiteSpace: 'pre-wrap' }}>{need.description}</dd>
        <dt>{t('needs.fields.address')}</dt>
        <dd>
          {need.areaFullName} {need.address}
        </dd>
        <dt>{t('needs.fields.forWhom')}</dt>
        <dd>{need.forWhom}</dd>
        <dt>{t('needs.fields.deadline')}</dt>
        <dd>{need.deadline}</dd>
        <dt>{t('needs.fields.contactName')}</dt>
        <dd>
          {need.contact.name} {need.contact.mobile}
        </dd>
        {need.orgName ? (
          <>
            <dt>{t('needs.fields.org')}</dt>
            <dd>{need.orgName}</dd>
          </>
        ) : null}
        {need.statusReason ? (
          <>
            <dt>{t('needs.fields.reason')}</dt>
            <dd>{need.statusReason}</dd>
          </>
        ) : null}
        {need.doneNote ? (
          <>
            <dt>{t('needs.mobile.doneNote')}</dt>
            <dd>{need.doneNote}</dd>
          </>
        ) : null}
      </dl>
      {need.rating ? (
        <section className="linli-m-section" aria-labelledby="linli-m-rating">
          <h2 id="linli-m-rating" style={{ marginTop: 0 }}>
            {t('needs.mobile.yourRating')}
          </h2>
          <Stars value={need.rating.stars} />
          {need.rating.comment ? <p style={{ margin: '8px 0 0' }}>{need.rating.comment}</p> : null}
        </section>
      ) : null}
      {need.abilities.rate ? <RateForm need={need} onChange={onChange} /> : null}
      <section aria-labelledby="linli-m-progress">
        <h2 id="linli-m-progress">{t('needs.mobile.progress')}</h2>
        <ol className="linli-m-timeline">
          {[...need.timeline].reverse().map((step) => (
            <li key={`${step.at}-${step.action}`}>
              <strong>{t(`needs.action.${step.action}`)}</strong>
              <span className="linli-m-muted">
                {' '}
                {chinaDay(step.at)} {timeOf(step.at)} · {t(`needs.level.${step.level}`)}
              </span>
              {step.orgName ? <div>{step.orgName}</div> : null}
              {step.comment ? <div className="linli-m-muted">{step.comment}</div> : null}
            </li>
          ))}
        </ol>
      </section>
      {need.abilities.cancel ? <CancelButton need={need} onChange={onChange} /> : null}
    </>
  );
}

const timeOf = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(11, 16);

/** Read-only stars with their number in words. */
function Stars({ value }: { value: number }) {
  const { t } = useTranslation();
  return (
    <span className="linli-m-stars" role="img" aria-label={t('needs.ratings.starsOf', { count: value })}>
      {[1, 2, 3, 4, 5].map((n) => (
        <span key={n} aria-hidden className={n <= value ? 'is-on' : undefined}>
          ★
        </span>
      ))}
    </span>
  );
}

/** 群众评单: five large stars (radio buttons), an optional comment, one submit. */
function RateForm({ need, onChange }: { need: Need; onChange: (need: Need) => void }) {
  const { t } = useTranslation();
  const [stars, setStars] = useState(0);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const groupName = useId();
  const commentId = useId();

  const submit = () => {
    if (stars === 0) {
      setProblem(t('needs.mobile.starsRequired'));
      return;
    }
    setBusy(true);
    setProblem(null);
    rateMyNeed(need.id, { stars, comment: comment.trim() })
      .then((next) => {
        Toast.show({ icon: 'success', content: t('needs.mobile.rated') });
        onChange(next);
      })
      .catch((caught: unknown) => setProblem(errorText(caught)))
      .finally(() => setBusy(false));
  };

  return (
    <section className="linli-m-section" aria-labelledby="linli-m-rate">
      <h2 id="linli-m-rate" style={{ marginTop: 0 }}>
        {t('needs.mobile.rateTitle')}
      </h2>
      <fieldset className="linli-m-rate">
        <legend>{t('needs.mobile.starsLabel')}</legend>
        {[1, 2, 3, 4, 5].map((n) => (
          <label key={n} className={n <= stars ? 'is-on' : undefined}>
            <input
              type="radio"
              name={groupName}
              value={n}
              checked={stars === n}
              onChange={() => {
                setStars(n);
                setProblem(null);
              }}
              className="linli-visually-hidden"
            />
            <span aria-hidden>★</span>
            <span className="linli-visually-hidden">{t('needs.mobile.starsValue', { count: n })}</span>
          </label>
        ))}
      </fieldset>
      <label htmlFor={commentId} style={{ display: 'block', marginTop: 8 }}>
        {t('needs.mobile.commentLabel')}
      </label>
      <TextArea id={commentId} value={comment} onChange={setComment} maxLength={500} rows={3} showCount />
      {problem ? (
        <p role="alert" style={{ color: '#a8071a' }}>
          {problem}
        </p>
      ) : null}
      <Button block color="primary" size="large" loading={busy} onClick={submit} style={{ marginTop: 8 }}>
        {t('needs.mobile.rate')}
      </Button>
    </section>
  );
}

/** 撤销: asks for the reason in a dialog, then withdraws. */
function CancelButton({ need, onChange }: { need: Need; onChange: (need: Need) => void }) {
  const { t } = useTranslation();
  const [isOpen, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const reasonId = useId();

  const confirm = async () => {
    if (reason.trim().length < 2) {
      setProblem(t('fieldErrors.reason.required'));
      return;
    }
    try {
      const next = await cancelMyNeed(need.id, reason.trim());
      Toast.show({ content: t('needs.mobile.cancelled') });
      setOpen(false);
      onChange(next);
    } catch (caught) {
      setProblem(errorText(caught));
    }
  };

  return (
    <>
      <Button block size="large" color="danger" fill="outline" onClick={() => setOpen(true)} style={{ marginTop: 16 }}>
        {t('needs.mobile.cancel')}
      </Button>
      <Dialog
        visible={isOpen}
        title={t('needs.mobile.cancelTitle')}
        onClose={() => setOpen(false)}
        content={
          <div>
            <label htmlFor={reasonId}>{t('needs.mobile.cancelReason')}</label>
            <TextArea
              id={reasonId}
              value={reason}
              onChange={(value) => {
                setReason(value);
                setProblem(null);
              }}
              placeholder={t('needs.mobile.cancelReasonPlaceholder')}
              maxLength={500}
              rows={3}
            />
            {problem ? (
              <p role="alert" style={{ color: '#a8071a', margin: 0 }}>
                {problem}
              </p>
            ) : null}
          </div>
        }
        actions={[
          [
            { key: 'back', text: t('common.back'), onClick: () => setOpen(false) },
            { key: 'confirm', text: t('needs.mobile.cancel'), danger: true, bold: true, onClick: confirm },
          ],
        ]}
      />
    </>
  );
}
