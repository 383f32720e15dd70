import { Descriptions, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OrgDisclosure } from '../api';
import { periodLabel } from './report-period';
import { OrgStatusTag } from './status-tags';

type DisclosureViewProps = {
  disclosure: OrgDisclosure;
  /** the public page makes the name its `<h1>`; the preview inside the detail page an `<h3>` */
  headingLevel: 1 | 3;
};

/** What the public page of an organization shows: its record without any personal data. */
export function DisclosureView({ disclosure, headingLevel }: DisclosureViewProps) {
  const { t } = useTranslation();
  return (
    <article className="linli-disclosure" aria-labelledby={`linli-disclosure-${disclosure.id}`}>
      <Typography.Text type="secondary" className="linli-disclosure-eyebrow">
        {t('publicOrg.eyebrow')}
      </Typography.Text>
      <Typography.Title
        level={headingLevel}
        id={`linli-disclosure-${disclosure.id}`}
        className={headingLevel === 1 ? 'linli-page-title' : 'linli-card-title'}
      >
        {disclosure.name}
      </Typography.Title>
      <Space wrap style={{ margin: '8px 0 16px' }}>
        <OrgStatusTag status={disclosure.status} />
        <Tag>{t(`org.tier.${disclosure.tier}`)}</Tag>
        <Tag>{t(`org.category.${disclosure.category}`)}</Tag>
      </Space>
      <Descriptions column={1} bordered size="middle" styles={{ label: { whiteSpace: 'nowrap', width: 180 } }}>
        {disclosure.creditCode ? (
          <Descriptions.Item label={t('organizations.fields.creditCode')}>{disclosure.creditCode}</Descriptions.Item>
        ) : null}
        <Descriptions.Item label={t('organizations.fields.tier')}>{t(`org.tier.${disclosure.tier}`)}</Descriptions.Item>
        <Descriptions.Item label={t('organizations.fields.category')}>
          <div>{t(`org.category.${disclosure.category}`)}</div>
          <Typography.Text type="secondary">{t(`org.categoryDefinition.${disclosure.category}`)}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('organizations.fields.hubKind')}>
          {t(`org.hubKind.${disclosure.hubKind}`)}
        </Descriptions.Item>
        <Descriptions.Item label={t('organizations.fields.areaFullName')}>{disclosure.areaFullName}</Descriptions.Item>
        <Descriptions.Item label={t('organizations.fields.foundedOn')}>{disclosure.foundedOn}</Descriptions.Item>
        <Descriptions.Item label={t('organizations.fields.serviceTargets')}>
          {disclosure.serviceTargets.length > 0
            ? disclosure.serviceTargets.map((target) => t(`org.serviceTarget.${target}`)).join('、')
            : t('common.empty')}
        </Descriptions.Item>
        <Descriptions.Item label={t('organizations.fields.status')}>
          <OrgStatusTag status={disclosure.status} />
        </Descriptions.Item>
        {disclosure.recentActivityCount === undefined ? null : (
          <Descriptions.Item label={t('publicOrg.recentActivities')}>
            {t('publicOrg.recentActivitiesCount', { count: disclosure.recentActivityCount })}
          </Descriptions.Item>
        )}
      </Descriptions>
      <AnnualReports disclosure={disclosure} headingLevel={headingLevel === 1 ? 2 : 4} />
    </article>
  );
}

/** 年度报告: the annual reports the committee has acknowledged, newest first, with what was done. */
function AnnualReports({ disclosure, headingLevel }: { disclosure: OrgDisclosure; headingLevel: 2 | 4 }) {
  const { t } = useTranslation();
  const headingId = `linli-disclosure-reports-${disclosure.id}`;
  return (
    <section aria-labelledby={headingId} style={{ marginTop: 24 }}>
      <Typography.Title level={headingLevel} id={headingId} className="linli-card-title">
        {t('reports.annual.heading')}
      </Typography.Title>
      {disclosure.annualReports.length === 0 ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          {t('reports.annual.empty')}
        </Typography.Paragraph>
      ) : (
        <ul style={{ listStyle: 'none', margin: '8px 0 0', padding: 0 }}>
          {disclosure.annualReports.map((report) => (
            <li key={report.period} style={{ marginBottom: 16 }}>
              <Typography.Text strong>{periodLabel(t, report.period)}</Typography.Text>
              <Typography.Text type="secondary" style={{ marginLeft: 12 }}>
                {t('reports.activities', { count: report.activityCount })}
              </Typography.Text>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '4px 0 0' }}>
                {report.content}
              </Typography.Paragraph>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
