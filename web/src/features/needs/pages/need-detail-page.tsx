import { ArrowLeftOutlined, EyeOutlined } from '@ant-design/icons';
import type { Need } from '@linli/contract/needs';
import { App, Button, Card, Col, Descriptions, Rate, Row, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useAccess } from '../../../app/access';
import { errorText } from '../../../app/error-text';
import { ApiError } from '../../../app/request';
import { LoadingPage, NotFoundPage } from '../../../app/status-pages';
import { formatDateTime } from '../../../components/date-time';
import { ErrorAlert } from '../../../components/error-alert';
import { Page } from '../../../components/page';
import { getNeed, revealContact } from '../api';
import { type NeedStep, NeedStepDialog, stepLabelKey } from '../components/need-dialogs';
import { NeedStatusTag } from '../components/need-status-tag';
import { NeedTimeline } from '../components/need-timeline';

const steps: readonly NeedStep[] = ['dispatch', 'redispatch', 'decline', 'accept', 'refuse', 'complete'];

/** One need: its facts, masked contact (full on an audited request), timeline, and the steps its `abilities` allow. */
export function NeedDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [need, setNeed] = useState<Need | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((value) => value + 1), []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: generation is the reload trigger
  useEffect(() => {
    const controller = new AbortController();
    setError(null);
    getNeed(id, controller.signal).then(setNeed, (caught: unknown) => {
      if (!controller.signal.aborted) {
        setError(caught);
      }
    });
    return () => controller.abort();
  }, [id, generation]);

  if (error instanceof ApiError && (error.status === 404 || error.status === 400)) {
    return <NotFoundPage />;
  }
  if (error && !need) {
    return (
      <Page title={t('needs.console.detailTitle')} back={<BackLink />}>
        <ErrorAlert error={error} />
      </Page>
    );
  }
  if (!need || need.id !== id) {
    return <LoadingPage />;
  }
  return <NeedDetail need={need} onChange={setNeed} onStale={reload} />;
}

function BackLink() {
  const { t } = useTranslation();
  const { can } = useAccess();
  const to = can('needs.read') ? '/needs' : can('needs.accept') ? '/needs/assigned' : null;
  if (!to) {
    return null;
  }
  return (
    <Link to={to}>
      <ArrowLeftOutlined aria-hidden /> {t('needs.console.backToList')}
    </Link>
  );
}

function NeedDetail({ need, onChange, onStale }: { need: Need; onChange: (need: Need) => void; onStale: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [acting, setActing] = useState<NeedStep | null>(null);
  const allowed = steps.filter((step) => need.abilities[step]);

  return (
    <Page
      title={need.title}
      back={<BackLink />}
      extra={allowed.map((step) => (
        <Button
          key={step}
          type={step === 'dispatch' || step === 'accept' || step === 'complete' ? 'primary' : 'default'}
          danger={step === 'decline' || step === 'refuse'}
          onClick={() => setActing(step)}
        >
          {t(stepLabelKey(step))}
        </Button>
      ))}
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <NeedStatusTag status={need.status} />
        <Tag>{t(`needs.level.${need.dispatchLevel}`)}</Tag>
        {need.isOverdue ? <Tag color="red">{t('needs.console.overdue')}</Tag> : null}
        <Typography.Text type="secondary">{need.areaFullName}</Typography.Text>
      </Space>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card title={<h2 className="linli-card-title">{t('needs.console.detailTitle')}</h2>}>
            <Descriptions column={1} bordered size="small" styles={{ label: { whiteSpace: 'nowrap', width: 140 } }}>
              <Descriptions.Item label={t('needs.fields.description')}>
                <span style={{ whiteSpace: 'pre-wrap' }}>{need.description}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('needs.fields.field')}>
                {t(`activities.field.${need.field}`)}
              </Descriptions.Item>
              <Descriptions.Item label={t('needs.fields.serviceTarget')}>
                {need.serviceTarget ? t(`org.serviceTarget.${need.serviceTarget}`) : t('common.empty')}
              </Descriptions.Item>
              <Descriptions.Item label={t('needs.fields.areaCode')}>{need.areaFullName}</Descriptions.Item>
              <Descriptions.Item label={t('needs.fields.address')}>{need.address}</Descriptions.Item>
              <Descriptions.Item label={t('needs.fields.forWhom')}>{need.forWhom}</Descriptions.Item>
              <Descriptions.Item label={t('needs.fields.deadline')}>{need.deadline}</Descriptions.Item>
              <Descriptions.Item label={t('needs.console.contact')}>
                <Contact need={need} />
              </Descriptions.Item>
              <Descriptions.Item label={t('needs.fields.postedAt')}>{formatDateTime(need.postedAt)}</Descriptions.Item>
              <Descriptions.Item label={t('needs.fields.org')}>{need.orgName ?? t('common.empty')}</Descriptions.Item>
              {need.statusReason ? (
                <Descriptions.Item label={t('needs.console.statusReason')}>{need.statusReason}</Descriptions.Item>
              ) : null}
              {need.fulfilment ? (
                <Descriptions.Item label={t('needs.console.fulfilment')}>
                  {t(`needs.fulfilment.${need.fulfilment.kind}`)}
                  {need.fulfilment.note ? `：${need.fulfilment.note}` : ''}
                  {need.fulfilment.activityId ? (
                    <>
                      {' '}
                      <Link to={`/activities/${need.fulfilment.activityId}`}>{t('needs.console.openActivity')}</Link>
                    </>
                  ) : null}
                </Descriptions.Item>
              ) : null}
              {need.acceptedAt ? (
                <Descriptions.Item label={t('needs.fields.acceptedAt')}>
                  {formatDateTime(need.acceptedAt)}
                </Descriptions.Item>
              ) : null}
              {need.doneAt ? (
                <Descriptions.Item label={t('needs.fields.doneAt')}>{formatDateTime(need.doneAt)}</Descriptions.Item>
              ) : null}
              {need.doneNote ? (
                <Descriptions.Item label={t('needs.console.doneNote')}>{need.doneNote}</Descriptions.Item>
              ) : null}
              {need.rating ? (
                <Descriptions.Item label={t('needs.console.rating')}>
                  <Rate disabled value={need.rating.stars} aria-hidden />{' '}
                  <span>{t('needs.ratings.starsOf', { count: need.rating.stars })}</span>
                  {need.rating.comment ? <div className="linli-comment">{need.rating.comment}</div> : null}
                </Descriptions.Item>
              ) : null}
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title={<h2 className="linli-card-title">{t('needs.console.timeline')}</h2>}>
            <NeedTimeline need={need} />
          </Card>
        </Col>
      </Row>
      {acting ? (
        <NeedStepDialog
          need={need}
          step={acting}
          onClose={() => setActing(null)}
          onDone={(next) => {
            if (next) {
              onChange(next);
            } else {
              navigate('/needs/assigned');
            }
          }}
          onStale={onStale}
        />
      ) : null}
    </Page>
  );
}

/** The masked contact, and for the handling officers and organization the audited request for the full one. */
function Contact({ need }: { need: Need }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [full, setFull] = useState<{ name: string; mobile: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const shown = full ?? need.contact;

  const reveal = () => {
    setBusy(true);
    revealContact(need.id)
      .then((contact) => {
        setFull(contact);
        void message.success(t('needs.console.contactRevealed'));
      })
      .catch((caught: unknown) => void message.error(errorText(caught)))
      .finally(() => setBusy(false));
  };

  return (
    <Space wrap>
      <span aria-live="polite">
        {shown.name} {shown.mobile}
      </span>
      {need.contact.isMasked && !full && need.abilities.revealContact ? (
        <Button size="small" icon={<EyeOutlined aria-hidden />} loading={busy} onClick={reveal}>
          {t('needs.console.revealContact')}
        </Button>
      ) : null}
      {need.contact.isMasked && !full && need.abilities.revealContact ? (
        <Typography.Text type="secondary">{t('needs.revealContactNotice')}</Typography.Text>
      ) : null}
    </Space>
  );
}
