import { type ProColumns, ProTable } from '@ant-design/pro-components';
import type { VolunteerSkill } from '@linli/contract/volunteers';
import { Flex, Input, Select, Space, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { useAccess } from '../../../app/access';
import { useKeysetList } from '../../../app/use-keyset-list';
import { ErrorAlert } from '../../../components/error-alert';
import { LoadMore } from '../../../components/load-more';
import { Page } from '../../../components/page';
import { useLoaded } from '../../../components/use-loaded';
import { listStations, listVolunteers, type VolunteerFilters, type VolunteerSummary } from '../api';
import { RevealButton } from '../components/reveal-button';
import { StarText } from '../components/status-tags';
import { useOwnOrgs } from '../components/use-own-orgs';
import { hoursOf, skillChoices } from '../components/volunteer-options';
import { VolunteerOverviewCard } from '../components/volunteer-overview';

/**
 * 志愿者: the volunteers of the jurisdiction (officers) or of one's organizations' teams, ID
 * number and mobile masked; the full values only through the audited reveal. A search by ID
 * number matches exactly (the server compares keyed hashes, never the number in clear).
 */
export function VolunteerListPage() {
  const { t } = useTranslation();
  const { can } = useAccess();
  const ownOrgs = useOwnOrgs();
  // a dashboard figure opens the volunteers of an area (`?areaCode=`)
  const [search] = useSearchParams();
  const urlArea = search.get('areaCode');
  const [filters, setFilters] = useState<VolunteerFilters>(() => (urlArea ? { areaCode: urlArea } : {}));
  const list = useKeysetList(listVolunteers, filters);
  const stations = useLoaded(
    (signal) => (can('serviceStations.read') ? listStations(undefined, signal) : Promise.resolve({ items: [] })),
    'stations',
  );

  const columns = useMemo<ProColumns<VolunteerSummary>[]>(
    () => [
      {
        title: t('volunteerConsole.volunteer.name'),
        dataIndex: 'name',
        render: (_dom, item) => <Link to={`/volunteers/${item.id}`}>{item.name}</Link>,
      },
      { title: t('volunteerConsole.volunteer.idNumber'), dataIndex: 'idNumberMasked' },
      { title: t('volunteerConsole.volunteer.mobile'), dataIndex: 'mobileMasked' },
      { title: t('volunteerConsole.volunteer.homeArea'), dataIndex: 'areaFullName' },
      {
        title: t('volunteerConsole.volunteers.station'),
        dataIndex: 'station',
        render: (_dom, item) => item.station?.name ?? t('common.empty'),
      },
      {
        title: t('volunteerConsole.volunteer.skills'),
        dataIndex: 'skills',
        render: (_dom, item) =>
          item.skills.map((skill) => t(`volunteers.skill.${skill}`)).join('、') || t('common.empty'),
      },
      {
        title: t('volunteerConsole.volunteers.hours'),
        dataIndex: 'confirmedHours',
        align: 'right',
        render: (_dom, item) => hoursOf(item.confirmedMinutes),
      },
      {
        title: t('volunteerConsole.volunteers.stars'),
        dataIndex: 'star',
        render: (_dom, item) => (
          <Space size={4}>
            <StarText level={item.star.level} />
            {item.star.fiveStarPending ? <Tag color="gold">{t('volunteerConsole.volunteers.fivePending')}</Tag> : null}
          </Space>
        ),
      },
      {
        title: t('volunteerConsole.volunteers.status'),
        dataIndex: 'status',
        render: (_dom, item) => t(`volunteerConsole.volunteers.statusOf.${item.status}`),
      },
      {
        title: t('common.actions'),
        dataIndex: 'id',
        render: (_dom, item) =>
          item.abilities.reveal ? <RevealButton volunteerId={item.id} name={item.name} /> : null,
      },
    ],
    [t],
  );

  return (
    <Page title={t('volunteerConsole.volunteers.title')}>
      <VolunteerOverviewCard />
      <Flex gap="middle" wrap role="search" style={{ margin: '16px 0' }}>
        {ownOrgs.length > 0 ? (
          <Select
            aria-label={t('volunteerConsole.volunteers.team')}
            placeholder={t('volunteerConsole.volunteers.team')}
            allowClear
            style={{ width: 240 }}
            value={filters.orgId}
            onChange={(orgId?: string) => setFilters((current) => ({ ...current, orgId }))}
            options={ownOrgs.map((org) => ({ value: org.id, label: org.name }))}
          />
        ) : null}
        {(stations.data?.items.length ?? 0) > 0 ? (
          <Select
            aria-label={t('volunteerConsole.volunteers.station')}
            placeholder={t('volunteerConsole.volunteers.station')}
            allowClear
            style={{ width: 220 }}
            value={filters.stationId}
            onChange={(stationId?: string) => setFilters((current) => ({ ...current, stationId }))}
            options={stations.data!.items.map((station) => ({ value: station.id, label: station.name }))}
          />
        ) : null}
        <Select
          aria-label={t('volunteerConsole.volunteer.skills')}
          placeholder={t('volunteerConsole.volunteer.skills')}
          allowClear
          style={{ width: 180 }}
          value={filters.skill}
          onChange={(skill?: VolunteerSkill) => setFilters((current) => ({ ...current, skill }))}
          options={skillChoices.map((value) => ({ value, label: t(`volunteers.skill.${value}`) }))}
        />
        <Input.Search
          aria-label={t('volunteerConsole.volunteers.idSearch')}
          placeholder={t('volunteerConsole.volunteers.idSearch')}
          allowClear
          maxLength={18}
          style={{ width: 280 }}
          onSearch={(value) => {
            const idNumber = value.trim().toUpperCase();
            setFilters((current) => ({ ...current, idNumber: /^\d{17}[\dX]$/.test(idNumber) ? idNumber : undefined }));
          }}
        />
      </Flex>
      <ErrorAlert error={list.error} />
      <ProTable<VolunteerSummary>
        rowKey="id"
        headerTitle={<h2 className="linli-card-title">{t('volunteerConsole.volunteers.caption')}</h2>}
        columns={columns}
        dataSource={list.items}
        loading={list.isLoading && list.items.length === 0}
        search={false}
        pagination={false}
        options={{ reload: () => list.reload(), density: false, setting: false }}
        locale={{ emptyText: t('volunteerConsole.volunteers.empty') }}
        scroll={{ x: 'max-content' }}
      />
      <LoadMore list={list} />
    </Page>
  );
}
