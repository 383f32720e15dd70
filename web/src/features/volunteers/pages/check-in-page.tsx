import { ArrowLeftOutlined, FullscreenOutlined } from '@ant-design/icons';
import { Button, Flex, QRCode, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../../app/request';
import { LoadingPage, NotFoundPage } from '../../../app/status-pages';
import { ErrorAlert } from '../../../components/error-alert';
import { Page } from '../../../components/page';
import { useLoaded } from '../../../components/use-loaded';
import { type CheckInCode, getCheckInCode, getProject } from '../api';
import { shiftLabel } from '../components/volunteer-options';

/** When to ask again: just after the current window ends (the code stays valid one window more). */
function delayUntilRotation(code: CheckInCode): number {
  const windowMs = code.rotatesEverySeconds * 1000;
  const windowEnds = Date.parse(code.validUntil) - windowMs;
  return Math.min(windowMs, Math.max(1000, windowEnds - Date.now() + 300));
}

/**
 * 签到屏: the organizer shows this screen at the place of service; volunteers scan the QR code
 * with the phone page or type the six digits. The code rotates every 30 seconds, so the screen
 * asks the server for the new one as each window ends (a photo of an old code soon stops working).
 */
export function CheckInPage() {
  const { t } = useTranslation();
  const { id = '', shiftId = '' } = useParams();
  const project = useLoaded((signal) => getProject(id, signal), id);
  const [code, setCode] = useState<CheckInCode | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [secondsLeft, setSecondsLeft] = useState<number | null>(null);
  const screenRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const fetchCode = () => {
      getCheckInCode(shiftId, controller.signal).then(
        (next) => {
          setCode(next);
          setError(null);
          timer = setTimeout(fetchCode, delayUntilRotation(next));
        },
        (caught: unknown) => {
          if (controller.signal.aborted) {
            return;
          }
          setError(caught);
          // a dropped connection: try again shortly, the screen keeps the last code meanwhile
          if (!(caught instanceof ApiError) || caught.status === 0 || caught.status >= 500) {
            timer = setTimeout(fetchCode, 5000);
          }
        },
      );
    };
    fetchCode();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [shiftId]);

  useEffect(() => {
    if (!code) {
      return;
    }
    const tick = () => {
      const windowEnds = Date.parse(code.validUntil) - code.rotatesEverySeconds * 1000;
      setSecondsLeft(Math.max(0, Math.ceil((windowEnds - Date.now()) / 1000)));
    };
    tick();
    const interval = setInterval(tick, 1000);
    return () => clearInterval(interval);
  }, [code]);

  const failure = project.error ?? (code ? null : error);
  if (failure instanceof ApiError && (failure.status === 404 || failure.status === 400)) {
    return <NotFoundPage />;
  }
  const back = (
    <Link to={`/volunteer-projects/${id}/shifts/${shiftId}`}>
      <ArrowLeftOutlined aria-hidden /> {t('volunteerConsole.checkIn.backToRoster')}
    </Link>
  );
  if (!project.data && !failure) {
    return <LoadingPage />;
  }
  const shift = project.data?.shifts.find((item) => item.id === shiftId);

  return (
    <Page
      title={t('volunteerConsole.checkIn.title')}
      back={back}
      extra={
        <Button
          icon={<FullscreenOutlined aria-hidden />}
          onClick={() => void screenRef.current?.requestFullscreen?.().catch(() => undefined)}
        >
          {t('volunteerConsole.checkIn.fullscreen')}
        </Button>
      }
    >
      <ErrorAlert error={failure ?? error} />
      <div ref={screenRef} className="linli-checkin-screen">
        <Flex vertical align="center" gap="middle">
          {project.data ? (
            <Typography.Title level={2} style={{ margin: 0, textAlign: 'center' }}>
              {project.data.title}
              {shift ? <div className="linli-checkin-shift">{shiftLabel(shift)}</div> : null}
            </Typography.Title>
          ) : null}
          {code ? (
            <>
              <div role="img" aria-label={t('volunteerConsole.checkIn.qrLabel')} className="linli-checkin-qr-frame">
                <QRCode
                  value={code.qrPayload}
                  size={420}
                  errorLevel="M"
                  bordered={false}
                  bgColor="#ffffff"
                  color="#000000"
                  className="linli-checkin-qr"
                />
              </div>
              <div className="linli-checkin-code-label">{t('volunteerConsole.checkIn.codeLabel')}</div>
              <output className="linli-checkin-code" aria-label={t('volunteerConsole.checkIn.codeLabel')}>
                {code.code.slice(0, 3)} {code.code.slice(3)}
              </output>
              <Typography.Text type="secondary" className="linli-checkin-countdown">
                {secondsLeft === null ? null : t('volunteerConsole.checkIn.rotatesIn', { seconds: secondsLeft })}
              </Typography.Text>
              <Typography.Paragraph type="secondary" style={{ maxWidth: 560, textAlign: 'center' }}>
                {t('volunteerConsole.checkIn.howTo')}
              </Typography.Paragraph>
            </>
          ) : null}
        </Flex>
      </div>
    </Page>
  );
}
