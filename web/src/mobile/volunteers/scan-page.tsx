import type { ServiceRecord, ServiceRecordDetail, Signup } from '@linli/contract/volunteers';
import { Button, DotLoading, ErrorBlock, Input, Result, Selector } from 'antd-mobile';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { errorText } from '../../app/error-text';
import { ApiError } from '../../app/request';
import { timeText, whenText } from '../format';
import { CHECKIN_EARLY_MS } from './my-signups-page';
import { type QrReader, shiftOfPayload, startQrReader } from './qr-reader';
import { checkInOrOut, listMyRecords, listMySignups } from './volunteer-api';
import { SignedInVolunteer, VolunteerShell } from './volunteer-shell';

type Action = 'check-in' | 'check-out' | 'done';

function actionFor(records: ServiceRecord[], shiftId: string): Action {
  const record = records.find((r) => r.shiftId === shiftId);
  return !record ? 'check-in' : record.status === 'open' ? 'check-out' : 'done';
}

/**
 * 扫码签到 (`/m/volunteer/scan`, `?shift=` from my sign-ups): the camera reads the organizer's
 * rotating QR code; or the six digits under it are typed. Whether it checks in or out follows
 * my record of the shift. The answer is large: the time, or the minutes served.
 */
export function ScanPage() {
  const { t } = useTranslation();
  return (
    <VolunteerShell title={t('volunteerMobile.scanTitle')}>
      <h1>{t('volunteerMobile.scanTitle')}</h1>
      <SignedInVolunteer>{() => <Scan />}</SignedInVolunteer>
    </VolunteerShell>
  );
}

function Scan() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const [signups, setSignups] = useState<Signup[] | null>(null);
  const [records, setRecords] = useState<ServiceRecord[]>([]);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [shiftId, setShiftId] = useState<string | null>(params.get('shift'));
  const [code, setCode] = useState('');
  const [isSending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<{ action: 'check-in' | 'check-out'; record: ServiceRecordDetail } | null>(null);
  const [camera, setCamera] = useState<'off' | 'starting' | 'on' | 'noCamera' | 'denied' | 'failed'>('off');
  const videoRef = useRef<HTMLVideoElement>(null);
  const readerRef = useRef<QrReader | null>(null);

  const load = useCallback(async () => {
    try {
      const [mine, mineRecords] = await Promise.all([listMySignups(), listMyRecords()]);
      const now = Date.now();
      const open = mine.items.filter(
        (s) =>
          s.status === 'confirmed' &&
          now >= Date.parse(s.startsAt) - CHECKIN_EARLY_MS &&
          now < Date.parse(s.endsAt) + 12 * 3_600_000,
      );
      setSignups(open);
      setRecords(mineRecords.items);
      setShiftId((current) => current ?? (open.length === 1 ? open[0]!.shiftId : null));
    } catch (caught) {
      setLoadError(caught);
    }
  }, []);
  useEffect(() => {
    void load();
    return () => readerRef.current?.stop();
  }, [load]);

  const send = async (forShift: string, value: string) => {
    const action = actionFor(records, forShift);
    if (action === 'done') {
      setError(t('volunteerMobile.alreadyDone'));
      return;
    }
    setSending(true);
    setError(null);
    try {
      const record = await checkInOrOut(forShift, action, value);
      setDone({ action, record });
      setCode('');
      void load();
    } catch (caught) {
      setError(
        caught instanceof ApiError && caught.fields.length > 0
          ? caught.fields[0]!.message || errorText(caught)
          : errorText(caught),
      );
    } finally {
      setSending(false);
    }
  };

  const startCamera = async () => {
    if (!videoRef.current) {
      return;
    }
    setError(null);
    setDone(null);
    setCamera('starting');
    const reader = await startQrReader(videoRef.current, (text) => {
      readerRef.current = null;
      setCamera('off');
      const scanned = shiftOfPayload(text);
      if (!scanned) {
        setError(t('volunteerMobile.notOurCode'));
        return;
      }
      setShiftId(scanned);
      void send(scanned, text.trim());
    });
    if (typeof reader === 'string') {
      setCamera(reader);
      return;
    }
    readerRef.current = reader;
    setCamera('on');
  };
  const stopCamera = () => {
    readerRef.current?.stop();
    readerRef.current = null;
    setCamera('off');
  };

  if (loadError) {
    return <ErrorBlock status="default" title={errorText(loadError)} description="" />;
  }
  if (!signups) {
    return (
      <p style={{ textAlign: 'center' }} aria-live="polite">
        {t('app.loading')}
        <DotLoading />
      </p>
    );
  }
  const chosen = signups.find((s) => s.shiftId === shiftId) ?? null;
  const action = shiftId ? actionFor(records, shiftId) : 'check-in';
  const verb = action === 'check-out' ? t('volunteerMobile.checkOut') : t('volunteerMobile.checkIn');

  return (
    <>
      {done ? (
        <Result
          status="success"
          title={done.action === 'check-in' ? t('volunteerMobile.checkedIn') : t('volunteerMobile.checkedOut')}
          description={
            done.action === 'check-in'
              ? t('volunteerMobile.checkedInAt', {
                  time: timeText(done.record.startedAt),
                  project: done.record.projectTitle,
                })
              : t('volunteerMobile.checkedOutText', {
                  time: timeText(done.record.endedAt ?? done.record.startedAt),
                  minutes: done.record.minutes ?? 0,
                })
          }
          className="linli-m-result"
        />
      ) : null}
      {signups.length === 0 ? (
        <p className="linli-m-section">
          {t('volunteerMobile.noShiftNow')} <Link to="/m/volunteer/signups">{t('volunteerMobile.tile.signups')}</Link>
        </p>
      ) : signups.length > 1 ? (
        <section className="linli-m-section" aria-label={t('volunteerMobile.whichShift')}>
          <p>{t('volunteerMobile.whichShift')}</p>
          <Selector
            columns={1}
            value={shiftId ? [shiftId] : []}
            onChange={(value) => setShiftId(value[0] ?? null)}
            options={signups.map((s) => ({
              value: s.shiftId,
              label: `${s.projectTitle} · ${whenText(s.startsAt, s.endsAt)}`,
            }))}
          />
        </section>
      ) : chosen ? (
        <section className="linli-m-section">
          <strong>{chosen.projectTitle}</strong>
          <div>{whenText(chosen.startsAt, chosen.endsAt)}</div>
          <div className="linli-m-muted">{chosen.roleName}</div>
        </section>
      ) : null}
      {action === 'done' && shiftId && !done ? (
        <p className="linli-m-section">{t('volunteerMobile.alreadyDone')}</p>
      ) : null}
      {error ? (
        <p role="alert" className="linli-m-section linli-m-error">
          {error}
        </p>
      ) : null}

      <section className="linli-m-section" aria-label={t('volunteerMobile.scanQr')} hidden={action === 'done'}>
        <p>{action === 'check-out' ? t('volunteerMobile.scanHintOut') : t('volunteerMobile.scanHintIn')}</p>
        <div className="linli-m-camera" hidden={camera !== 'on' && camera !== 'starting'}>
          {/* biome-ignore lint/a11y/useMediaCaption: the live camera picture has no sound to caption */}
          <video ref={videoRef} aria-label={t('volunteerMobile.cameraView')} />
        </div>
        {camera === 'on' || camera === 'starting' ? (
          <Button block size="large" onClick={stopCamera}>
            {t('volunteerMobile.closeCamera')}
          </Button>
        ) : (
          <Button block color="primary" size="large" onClick={() => void startCamera()}>
            {t('volunteerMobile.openCamera')}
          </Button>
        )}
        {camera === 'noCamera' || camera === 'denied' || camera === 'failed' ? (
          <p role="alert" className="linli-m-error">
            {t(`volunteerMobile.camera.${camera}`)}
          </p>
        ) : null}
      </section>

      <form
        className="linli-m-section"
        hidden={action === 'done'}
        onSubmit={(event) => {
          event.preventDefault();
          if (!shiftId) {
            setError(t('volunteerMobile.whichShift'));
            return;
          }
          if (!/^\d{6}$/.test(code)) {
            setError(t('fieldErrors.checkIn.code.invalid'));
            return;
          }
          void send(shiftId, code);
        }}
      >
        <label htmlFor="linli-checkin-code">{t('volunteerMobile.typeCode')}</label>
        <Input
          id="linli-checkin-code"
          className="linli-m-code-input"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          placeholder="000000"
          value={code}
          onChange={(value) => setCode(value.replace(/\D/g, ''))}
        />
        <Button block type="submit" color="primary" size="large" loading={isSending} disabled={action === 'done'}>
          {verb}
        </Button>
      </form>
    </>
  );
}
