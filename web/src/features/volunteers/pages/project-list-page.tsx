import { PlusOutlined } from '@ant-design/icons';
import { type ProColumns, ProTable } from '@ant-design/pro-components';
import { Button, Flex, Select } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useAccess } from '../../../app/access';
import { useKeysetList } from '../../../app/use-keyset-list';
import { ErrorAlert } from '../../../components/error-alert';
import { LoadMore } from '../../../components/load-more';
import { Page } from '../../../components/page';
import { listProjects, type ProjectFilters, type ProjectSummary } from '../api';
import { ProjectStatusTag } from '../components/status-tags';
import { useOwnOrgs } from '../components/use-own-orgs';
import { chinaDateTime, fieldChoices, projectStatusChoices } from '../components/volunteer-options';

/**
 * 志愿服务项目: an organization's projects (its administrators) or the jurisdiction's (officers),
 * any status, newest first, page by page. Administrators post new ones here.
 */
export function ProjectListPage() {
  const { t } = useTranslation();
  const { can } = useAccess();
  const navigate = useNavigate();
  const ownOrgs = useOwnOrgs();
  const [filters, setFilters] = useState<ProjectFilters>({});
  const list = useKeysetList(listProjects, filters);

  const columns = useMemo<ProColumns<ProjectSummary>[]>(
    () => [
      {
        title: t('volunteerConsole.project.title'),
        dataIndex: 'title',
        render: (_dom, item) => <Link to={`/volunteer-projects/${item.id}`}>{item.title}</Link>,
      },
      { title: t('volunteerConsole.project.org'), dataIndex: 'orgName' },
      {
        title: t('volunteerConsole.project.field'),
        dataIndex: 'field',
        render: (_dom, item) => t(`activities.field.${item.field}`),
      },
      { title: t('volunteerConsole.project.area'), dataIndex: 'areaFullName' },
      {
        title: t('volunteerConsole.project.firstShift'),
        dataIndex: 'firstShiftAt',
        render: (_dom, item) => chinaDateTime(item.firstShiftAt),
      },
      {
        title: t('volunteerConsole.project.placesTaken'),
        dataIndex: 'places',
        align: 'right',
        render: (_dom, item) => `${item.confirmed} / ${item.places}`,
      },
      {
        title: t('volunteerConsole.project.status'),
        dataIndex: 'status',
        render: (_dom, item) => <ProjectStatusTag status={item.status} />,
      },
    ],
    [t],
  );

  return (
    <Page
      title={t('volunteerConsole.projects.title')}
      extra={
        can('volunteerProjects.manage') ? (
          <Button
            type="primary"
            icon={<PlusOutlined aria-hidden />}
            onClick={() => navigate('/volunteer-projects/new')}
          >
            {t('volunteerConsole.projects.new')}
          </Button>
        ) : null
      }
    >
      <Flex gap="middle" wrap role="search" style={{ marginBottom: 16 }}>
        {ownOrgs.length > 1 ? (
          <Select
            aria-label={t('volunteerConsole.project.org')}
            placeholder={t('volunteerConsole.project.org')}
            allowClear
            style={{ width: 240 }}
            value={filters.orgId}
            onChange={(orgId?: string) => setFilters((current) => ({ ...current, orgId }))}
            options={ownOrgs.map((org) => ({ value: org.id, label: org.name }))}
          />
        ) : null}
        <Select
          aria-label={t('volunteerConsole.project.status')}
          placeholder={t('volunteerConsole.project.status')}
          allowClear
          style={{ width: 160 }}
          value={filters.status}
          onChange={(status?: ProjectFilters['status']) => setFilters((current) => ({ ...current, status }))}
          options={projectStatusChoices.map((value) => ({ value, label: t(`volunteers.projectStatus.${value}`) }))}
        />
        <Select
          aria-label={t('volunteerConsole.project.field')}
          placeholder={t('volunteerConsole.project.field')}
          allowClear
          style={{ width: 200 }}
          value={filters.field}
          onChange={(field?: ProjectFilters['field']) => setFilters((current) => ({ ...current, field }))}
          options={fieldChoices.map((value) => ({ value, label: t(`activities.field.${value}`) }))}
        />
      </Flex>
      <ErrorAlert error={list.error} />
      <ProTable<ProjectSummary>
        rowKey="id"
        headerTitle={<h2 className="linli-card-title">{t('volunteerConsole.projects.caption')}</h2>}
        columns={columns}
        dataSource={list.items}
        loading={list.isLoading && list.items.length === 0}
        search={false}
        pagination={false}
        options={{ reload: () => list.reload(), density: false, setting: false }}
        locale={{ emptyText: t('volunteerConsole.projects.empty') }}
        scroll={{ x: 'max-content' }}
      />
      <LoadMore list={list} />
    </Page>
  );
}
