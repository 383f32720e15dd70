import {
  ArrowLeftOutlined,
  ArrowUpOutlined,
  EditOutlined,
  ExportOutlined,
  SafetyCertificateOutlined,
  StopOutlined,
} from '@ant-design/icons';
import type { Filing, Organization } from '@linli/contract/organizations';
import { Alert, App, Button, Card, Descriptions, Popconfirm, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router-dom';
import { useAccess } from '../../../app/access';
import { errorText } from '../../../app/error-text';
import { ApiError } from '../../../app/request';
import { LoadingPage, NotFoundPage } from '../../../app/status-pages';
import { formatDateTime } from '../../../components/date-time';
import { ErrorAlert } from '../../../components/error-alert';
import { Page } from '../../../components/page';
import { getOrganization, resubmitFiling } from '../api';
import { ChangeForm } from '../components/change-form';
import { CharterFile } from '../components/charter-file';
import { DisclosureView } from '../components/disclosure-view';
import type { SubmittedState } from '../components/establish-form';
import { actorText, FilingTimeline, ProposedChanges } from '../components/filing-timeline';
import { DissolveForm, StatusForm, UpgradeForm } from '../components/org-action-forms';
import { isOpenFiling, statusMoves, upgradeTarget } from '../components/org-options';
import { RatingSummary } from '../components/rating-summary';
import { Recognitions } from '../components/recognitions';
import { ReviewActions } from '../components/review-actions';
import { FilingStateTag, OrgStatusTag } from '../components/status-tags';
import { publishedAnnualReports, useReports, WorkReports } from '../components/work-reports';

type Leader = Organization['leaders'][number];

/** One organization: its record, filing timeline, leaders and public page, with the actions its `abilities` allow. */
export function OrganizationDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [org, setOrg] = useState<Organization | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: generation is the reload trigger
  useEffect(() => {
    const controller = new AbortController();
    setError(null);
    getOrganization(id, controller.signal).then(setOrg, (caught: unknown) => {
      if (!controller.signal.aborted) {
        setError(caught);
      }
    });
    return () => controller.abort();
  }, [id, generation]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);

  if (error instanceof ApiError && (error.status === 404 || error.status === 400)) {
    return <NotFoundPage />;
  }
  if (error && !org) {
    return (
      <Page title={t('organizations.detail.title')} back={<BackLink />}>
        <ErrorAlert error={error} />
      </Page>
    );
  }
  if (!org || org.id !== id) {
    return <LoadingPage />;
  }
  return <OrganizationDetail org={org} onChange={setOrg} onStale={reload} />;
}

function BackLink() {
  const { t } = useTranslation();
  const { can } = useAccess();
  if (!can(['organizations.read', 'filings.submit'])) {
    return null;
  }
  return (
    <Link to="/organizations">
      <ArrowLeftOutlined aria-hidden /> {t('organizations.detail.backToList')}
    </Link>
  );
}

type DetailProps = { org: Organization; onChange: (org: Organization) => void; onStale: () => void };

function OrganizationDetail({ org, onChange, onStale }: DetailProps) {
  const { t } = useTranslation();
  const location = useLocation();
  const isJustSubmitted = (location.state as SubmittedState | null)?.submitted === true;
  const openFilings = org.filings.filter(isOpenFiling);
  const { abilities } = org;
  const isPublic = org.status !== 'pending' && org.status !== 'notEstablished';
  const reports = useReports(org.id, isPublic);

  return (
    <Page
      title={org.name}
      back={<BackLink />}
      extra={
        <>
          {abilities.fileChange ? (
            <ChangeForm
              org={org}
              onSaved={onChange}
              trigger={<Button icon={<EditOutlined aria-hidden />}>{t('organizations.detail.change')}</Button>}
            />
          ) : null}
          {abilities.fileUpgrade && upgradeTarget(org.tier) ? (
            <UpgradeForm
              org={org}
              onSaved={onChange}
              trigger={<Button icon={<ArrowUpOutlined aria-hidden />}>{t('organizations.detail.upgrade')}</Button>}
            />
          ) : null}
          {abilities.fileDissolve ? (
            <DissolveForm
              org={org}
              onSaved={onChange}
              trigger={
                <Button danger icon={<StopOutlined aria-hidden />}>
                  {t('organizations.detail.dissolve')}
                </Button>
              }
            />
          ) : null}
          {abilities.supervise && statusMoves[org.status].length > 0 ? (
            <StatusForm
              org={org}
              onSaved={onChange}
              trigger={
                <Button icon={<SafetyCertificateOutlined aria-hidden />}>{t('organizations.detail.supervise')}</Button>
              }
            />
          ) : null}
        </>
      }
    >
      {isJustSubmitted && org.status === 'pending' ? (
        <Alert
          type="success"
          showIcon
          role="status"
          className="linli-error-alert"
          message={t('organizations.form.submittedNotice')}
        />
      ) : null}
      <Space wrap style={{ marginBottom: 16 }}>
        <OrgStatusTag status={org.status} />
        <Tag>{t(`org.tier.${org.tier}`)}</Tag>
        <Tag>{t(`org.category.${org.category}`)}</Tag>
        <Typography.Text type="secondary">{org.areaFullName}</Typography.Text>
      </Space>
      {openFilings.length > 0 ? (
        <Card
          className="linli-open-filings"
          title={<h2 className="linli-card-title">{t('organizations.detail.openFilings')}</h2>}
          style={{ marginBottom: 16 }}
        >
          <Space direction="vertical" size="large" style={{ width: '100%' }}>
            {openFilings.map((filing) => (
              <OpenFiling key={filing.id} org={org} filing={filing} onChange={onChange} onStale={onStale} />
            ))}
          </Space>
        </Card>
      ) : null}
      <Tabs
        items={[
          {
            key: 'basic',
            label: t('organizations.detail.tabBasic'),
            children: (
              <>
                <BasicInfo org={org} onChange={onChange} />
                <Recognitions
                  orgId={org.id}
                  isEstablished={org.status === 'active' || org.status === 'suspended' || org.status === 'abnormal'}
                />
              </>
            ),
          },
          {
            key: 'filings',
            label: t('organizations.detail.tabFilings'),
            children: <FilingTimeline org={org} />,
          },
          { key: 'leaders', label: t('organizations.detail.tabLeaders'), children: <Leaders leaders={org.leaders} /> },
          ...(isPublic
            ? [
                {
                  key: 'reports',
                  label: t('organizations.detail.tabReports'),
                  children: <WorkReports org={org} reports={reports} />,
                },
              ]
            : []),
          ...(isPublic
            ? [
                {
                  key: 'ratings',
                  label: t('needs.ratingSummary.heading'),
                  children: <RatingSummary orgId={org.id} headingLevel={2} />,
                },
              ]
            : []),
          {
            key: 'disclosure',
            label: t('organizations.detail.tabDisclosure'),
            children: (
              <Space direction="vertical" size="middle" style={{ width: '100%' }}>
                {isPublic ? (
                  <a href={`/public/organizations/${org.id}`} target="_blank" rel="noreferrer">
                    <ExportOutlined aria-hidden /> {t('organizations.detail.openPublicPage')}
                  </a>
                ) : (
                  <Alert type="info" showIcon message={t('organizations.detail.disclosureNotPublic')} />
                )}
                <Card>
                  <DisclosureView
                    headingLevel={3}
                    disclosure={{
                      id: org.id,
                      name: org.name,
                      tier: org.tier,
                      category: org.category,
                      hubKind: org.hubKind,
                      areaFullName: org.areaFullName,
                      foundedOn: org.foundedOn,
                      serviceTargets: org.serviceTargets,
                      status: org.status,
                      creditCode: org.creditCode,
                      annualReports: publishedAnnualReports(reports.items),
                    }}
                  />
                </Card>
              </Space>
            ),
          },
        ]}
      />
    </Page>
  );
}

/** A filing in progress: where it stands, the last comment, and the step the caller may take now. */
function OpenFiling({
  org,
  filing,
  onChange,
  onStale,
}: {
  org: Organization;
  filing: Filing;
  onChange: (org: Organization) => void;
  onStale: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const titleId = `linli-open-filing-${filing.id}`;
  const last = filing.steps.at(-1);
  const lastActor = last ? actorText(t, last) : null;
  const canReview =
    filing.abilities.committeeOpinion || filing.abilities.townshipDecision || filing.abilities.civilAffairsRecord;
  // establish and change filings are corrected in the form; dissolution and upgrade are sent back as they are
  const isCorrectable = filing.act === 'establish' || filing.act === 'change';

  const resubmitAsIs = () => {
    setBusy(true);
    setError(null);
    resubmitFiling(filing.id, {})
      .then((next) => {
        onChange(next);
        void message.success(t('organizations.detail.resubmitted'));
      })
      .catch((caught: unknown) => {
        setError(caught);
        void message.error(errorText(caught));
      })
      .finally(() => setBusy(false));
  };

  return (
    <section aria-labelledby={titleId} className="linli-open-filing">
      <Space wrap size={[8, 4]}>
        <h3 id={titleId} className="linli-card-title">
          {t(`filing.act.${filing.act}`)}
          <span className="linli-visually-hidden"> {org.name}</span>
        </h3>
        <Tag>{t(`org.tier.${filing.tier}`)}</Tag>
        <FilingStateTag state={filing.state} />
        <Typography.Text type="secondary">
          {t('organizations.detail.submittedAt')} {formatDateTime(filing.submittedAt)}
        </Typography.Text>
      </Space>
      {filing.reason ? (
        <Typography.Paragraph style={{ margin: '8px 0 0' }}>
          {t('organizations.detail.reason')}：{filing.reason}
        </Typography.Paragraph>
      ) : null}
      <ProposedChanges proposed={filing.proposed} current={org} />
      {filing.state === 'returned' && last?.comment ? (
        <Alert
          type="warning"
          showIcon
          style={{ margin: '8px 0' }}
          message={`${t('filing.state.returned')}${lastActor ? ` · ${lastActor}` : ''}`}
          description={`${t('organizations.detail.comment')}：${last.comment}`}
        />
      ) : null}
      <ErrorAlert error={error} />
      <div style={{ marginTop: 8 }}>
        {canReview ? (
          <ReviewActions filing={filing} describedBy={titleId} onDecided={onChange} onStale={onStale} />
        ) : filing.abilities.resubmit ? (
          isCorrectable ? (
            <ChangeForm
              org={org}
              filing={filing}
              onSaved={onChange}
              trigger={
                <Button type="primary" icon={<EditOutlined aria-hidden />} aria-describedby={titleId}>
                  {t('organizations.detail.resubmit')}
                </Button>
              }
            />
          ) : (
            <Popconfirm
              title={t('organizations.detail.resubmit')}
              okText={t('common.confirm')}
              cancelText={t('common.cancel')}
              onConfirm={resubmitAsIs}
            >
              <Button type="primary" loading={busy} aria-describedby={titleId}>
                {t('organizations.detail.resubmit')}
              </Button>
            </Popconfirm>
          )
        ) : (
          <Typography.Text type="secondary">
            {t('organizations.detail.waitingFor', { state: t(`filing.state.${filing.state}`) })}
          </Typography.Text>
        )}
      </div>
    </section>
  );
}

function BasicInfo({ org, onChange }: { org: Organization; onChange: (org: Organization) => void }) {
  const { t } = useTranslation();
  return (
    <Descriptions
      column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 3 }}
      bordered
      size="small"
      styles={{ label: { whiteSpace: 'nowrap' } }}
    >
      <Descriptions.Item label={t('organizations.fields.name')}>{org.name}</Descriptions.Item>
      <Descriptions.Item label={t('organizations.fields.tier')}>{t(`org.tier.${org.tier}`)}</Descriptions.Item>
      {org.creditCode ? (
        <Descriptions.Item label={t('organizations.fields.creditCode')}>{org.creditCode}</Descriptions.Item>
      ) : null}
      <Descriptions.Item label={t('organizations.fields.category')}>
        {t(`org.category.${org.category}`)}
      </Descriptions.Item>
      <Descriptions.Item label={t('organizations.fields.hubKind')}>{t(`org.hubKind.${org.hubKind}`)}</Descriptions.Item>
      <Descriptions.Item label={t('organizations.fields.areaFullName')}>{org.areaFullName}</Descriptions.Item>
      <Descriptions.Item label={t('organizations.fields.foundedOn')}>{org.foundedOn}</Descriptions.Item>
      <Descriptions.Item label={t('organizations.fields.serviceTargets')}>
        {org.serviceTargets.length > 0
          ? org.serviceTargets.map((target) => t(`org.serviceTarget.${target}`)).join('、')
          : t('common.empty')}
      </Descriptions.Item>
      <Descriptions.Item label={t('organizations.fields.venue')}>{org.venue || t('common.empty')}</Descriptions.Item>
      <Descriptions.Item label={t('organizations.fields.memberCount')}>{org.memberCount}</Descriptions.Item>
      <Descriptions.Item label={t('organizations.fields.socialWorkerCount')}>{org.socialWorkerCount}</Descriptions.Item>
      <Descriptions.Item label={t('organizations.fields.certifiedSocialWorkerCount')}>
        {org.certifiedSocialWorkerCount}
      </Descriptions.Item>
      <Descriptions.Item label={t('organizations.fields.partyOrg')}>
        {t(`org.partyOrg.${org.partyOrg}`)}
      </Descriptions.Item>
      <Descriptions.Item label={t('organizations.fields.charterPartyClause')}>
        {org.charterPartyClause ? t('common.yes') : t('common.no')}
      </Descriptions.Item>
      <Descriptions.Item label={t('organizations.charter.label')}>
        <CharterFile org={org} onChange={onChange} />
      </Descriptions.Item>
      <Descriptions.Item label={t('organizations.fields.status')}>
        <OrgStatusTag status={org.status} />
      </Descriptions.Item>
      {org.statusReason ? (
        <Descriptions.Item label={t('organizations.fields.statusReason')}>{org.statusReason}</Descriptions.Item>
      ) : null}
    </Descriptions>
  );
}

function Leaders({ leaders }: { leaders: Leader[] }) {
  const { t } = useTranslation();
  const columns = [
    { title: t('organizations.leaders.name'), key: 'name', dataIndex: 'name' },
    {
      title: t('organizations.leaders.role'),
      key: 'role',
      render: (leader: Leader) => (
        <Tag color={leader.role === 'leader' ? 'volcano' : 'default'}>{t(`org.leaderRole.${leader.role}`)}</Tag>
      ),
    },
    { title: t('organizations.leaders.mobile'), key: 'mobile', dataIndex: 'mobileMasked' },
  ];
  return (
    <Table<Leader>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={leaders}
      pagination={false}
      locale={{ emptyText: t('organizations.leaders.empty') }}
    />
  );
}
