import { CalendarOutlined, DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { type ProColumns, ProTable } from '@ant-design/pro-components';
import type { ActivityField, ActivityStatus, ActivitySummary } from '@linli/contract/activities';
import { Button, Flex, Tabs, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useAccess } from '../../../app/access';
import { useKeysetList } from '../../../app/use-keyset-list';
import { ErrorAlert } from '../../../components/error-alert';
import { LoadMore } from '../../../components/load-more';
import { Page } from '../../../components/page';
import { type ActivityFilters, activityExportUrl, listActivities } from '../api';
import { ActivityCalendar } from '../components/activity-calendar';
import { ActivityFilterForm } from '../components/activity-filters';
import { chinaDateTime } from '../components/activity-options';
import { CountsPanel } from '../components/counts-chart';
import { ActivityStatusTag } from '../components/status-tags';
import { campaignLabel, useCampaigns } from '../components/use-choices';

type View = 'list' | 'calendar' | 'counts';
const views: readonly View[] = ['list', 'calendar', 'counts'];

/**
 * 文明实践活动: the activities of the jurisdiction (or of one's own organizations) with shared
 * filters, as a list (keyset pages, Excel export), a month/week calendar, and counts by field and
 * campaign. Organization administrators start “策划活动” here.
 */
export function ActivityListPage() {
  const [search] = useSearchParams();
  // a dashboard figure opens this page with its filters in the URL; a new one (Back) starts afresh
  const fromUrl = ['areaCode', 'held', 'field', 'campaign', 'status']
    .map((k) => `${k}=${search.get(k) ?? ''}`)
    .join('&');
  return <ActivityListContent key={fromUrl} />;
}

function ActivityListContent() {
  const { t } = useTranslation();
  const { can } = useAccess();
  const navigate = useNavigate();
  const [search, setSearch] = useSearchParams();
  // the drill-down's area and "held" stay until cleared; field, campaign and status go on the form
  const [drill, setDrill] = useState<ActivityFilters>(() => ({
    ...(search.get('areaCode') ? { areaCode: search.get('areaCode')! } : {}),
    ...(search.get('held') === 'true' ? { held: 'true' as const } : {}),
  }));
  const initial = {
    ...(search.get('field') ? { field: search.get('field') as ActivityField } : {}),
    ...(search.get('campaign') ? { campaign: search.get('campaign')! } : {}),
    ...(search.get('status') ? { status: search.get('status') as ActivityStatus } : {}),
  };
  const [formFilters, setFormFilters] = useState<ActivityFilters>(initial);
  const filters = useMemo(() => ({ ...drill, ...formFilters }), [drill, formFilters]);
  const view = views.find((value) => value === search.get('view')) ?? 'list';
  const setFilters = setFormFilters;

  return (
    <Page
      title={t('activityPages.title')}
      extra={
        <>
          <Button icon={<DownloadOutlined aria-hidden />} href={activityExportUrl(filters)} download>
            {t('common.export')}
          </Button>
          {can('activities.manage') ? (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => navigate('/activities/new')}>
              {t('activityPages.plan')}
            </Button>
          ) : null}
        </>
      }
    >
      {drill.areaCode || drill.held ? (
        <Flex align="center" gap="small" wrap style={{ marginBottom: 12 }} role="status">
          <Typography.Text type="secondary">{t('activityPages.filters.drillDown')}</Typography.Text>
          {drill.areaCode ? (
            <Tag color="blue">{t('activityPages.filters.drillArea', { code: drill.areaCode })}</Tag>
          ) : null}
          {drill.held ? <Tag color="blue">{t('activityPages.filters.drillHeld')}</Tag> : null}
          <Button size="small" onClick={() => setDrill({})}>
            {t('activityPages.filters.drillClear')}
          </Button>
        </Flex>
      ) : null}
      <ActivityFilterForm onFilters={setFilters} hasDates initial={initial} />
      <Tabs
        activeKey={view}
        onChange={(key) => {
          // the drill-down's filters stay in the URL with the view
          const next = new URLSearchParams(search);
          if (key === 'list') {
            next.delete('view');
          } else {
            next.set('view', key);
          }
          setSearch(next, { replace: true });
        }}
        items={[
          { key: 'list', label: t('activityPages.views.list'), children: <ActivityTable filters={filters} /> },
          {
            key: 'calendar',
            label: (
              <>
                <CalendarOutlined aria-hidden /> {t('activityPages.views.calendar')}
              </>
            ),
            children: (
              <>
                {filters.from || filters.to ? (
                  <Typography.Paragraph type="secondary">
                    {t('activityPages.calendar.datesIgnored')}
                  </Typography.Paragraph>
                ) : null}
                <ActivityCalendar filters={filters} />
              </>
            ),
          },
          { key: 'counts', label: t('activityPages.views.counts'), children: <CountsPanel filters={filters} /> },
        ]}
      />
    </Page>
  );
}

function ActivityTable({ filters }: { filters: ActivityFilters }) {
  const { t } = useTranslation();
  const list = useKeysetList(listActivities, filters);
  const campaigns = useCampaigns();

  const columns = useMemo<ProColumns<ActivitySummary>[]>(
    () => [
      {
        title: t('activities.fields.title'),
        dataIndex: 'title',
        render: (_dom, item) => <Link to={`/activities/${item.id}`}>{item.title}</Link>,
      },
      {
        title: t('activities.fields.startsAt'),
        dataIndex: 'startsAt',
        render: (_dom, item) => chinaDateTime(item.startsAt),
      },
      { title: t('activityPages.fields.org'), dataIndex: 'orgName' },
      {
        title: t('activities.fields.field'),
        dataIndex: 'field',
        render: (_dom, item) => t(`activities.field.${item.field}`),
      },
      {
        title: t('activities.fields.campaign'),
        dataIndex: 'campaign',
        render: (_dom, item) => campaignLabel(t, item.campaign, campaigns),
      },
      {
        title: t('activities.fields.kind'),
        dataIndex: 'kind',
        render: (_dom, item) => t(`activities.kind.${item.kind}`),
      },
      {
        title: t('activityPages.fields.place'),
        dataIndex: 'venueName',
        render: (_dom, item) => (item.venueName ? `${item.venueName} · ${item.roomName ?? ''}` : item.address),
      },
      {
        title: t('activityPages.fields.participants'),
        dataIndex: 'expectedParticipants',
        align: 'right',
        render: (_dom, item) =>
          item.actualParticipants === null
            ? item.expectedParticipants
            : `${item.actualParticipants} / ${item.expectedParticipants}`,
      },
      {
        title: t('activityPages.filters.status'),
        dataIndex: 'status',
        render: (_dom, item) => <ActivityStatusTag status={item.status} />,
      },
    ],
    [t, campaigns],
  );

  return (
    <>
      <ErrorAlert error={list.error} />
      <ProTable<ActivitySummary>
        rowKey="id"
        headerTitle={<h2 className="linli-card-title">{t('activityPages.listCaption')}</h2>}
        columns={columns}
        dataSource={list.items}
        loading={list.isLoading && list.items.length === 0}
        search={false}
        pagination={false}
        options={{ reload: () => list.reload(), density: false, setting: false }}
        locale={{ emptyText: t('activityPages.empty') }}
        scroll={{ x: 'max-content' }}
      />
      <LoadMore list={list} />
    </>
  );
}
