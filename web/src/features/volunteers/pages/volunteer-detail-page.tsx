import { ArrowLeftOutlined } from '@ant-design/icons';
import { App, Descriptions, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { errorText } from '../../../app/error-text';
import { ApiError } from '../../../app/request';
import { LoadingPage, NotFoundPage } from '../../../app/status-pages';
import { ErrorAlert } from '../../../components/error-alert';
import { Page } from '../../../components/page';
import { useLoaded } from '../../../components/use-loaded';
import { assignStation, getVolunteer, listStations, type VolunteerView } from '../api';
import { RecordsTable } from '../components/records-table';
import { RevealButton } from '../components/reveal-button';
import { StarText } from '../components/status-tags';
import { chinaDateTime, hoursOf } from '../components/volunteer-options';

/**
 * 志愿者: one volunteer of the jurisdiction or team — masked ID number and mobile (the audited
 * reveal beside them), teams, station, one total of confirmed hours across every organization,
 * stars, and the service records the user may read.
 */
export function VolunteerDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const volunteer = useLoaded((signal) => getVolunteer(id, signal), id);

  if (volunteer.error instanceof ApiError && (volunteer.error.status === 404 || volunteer.error.status === 400)) {
    return <NotFoundPage />;
  }
  const back = (
    <Link to="/volunteers">
      <ArrowLeftOutlined aria-hidden /> {t('volunteerConsole.volunteers.backToList')}
    </Link>
  );
  if (volunteer.error) {
    return (
      <Page title={t('volunteerConsole.volunteers.title')} back={back}>
        <ErrorAlert error={volunteer.error} />
      </Page>
    );
  }
  const v = volunteer.data;
  if (!v) {
    return <LoadingPage />;
  }
  return (
    <Page title={v.name} back={back}>
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          {
            key: 'id',
            label: t('volunteerConsole.volunteer.idNumber'),
            children: v.idNumberMasked,
          },
          { key: 'mobile', label: t('volunteerConsole.volunteer.mobile'), children: v.mobileMasked },
          ...(v.abilities.reveal
            ? [
                {
                  key: 'reveal',
                  label: t('volunteerConsole.volunteers.fullInfo'),
                  children: <RevealButton volunteerId={v.id} name={v.name} />,
                },
              ]
            : []),
          { key: 'area', label: t('volunteerConsole.volunteer.homeArea'), children: v.areaFullName },
          {
            key: 'station',
            label: t('volunteerConsole.volunteers.station'),
            children: v.abilities.assignStation ? (
              <StationPicker volunteer={v} onChanged={volunteer.set} />
            ) : (
              (v.station?.name ?? t('common.empty'))
            ),
          },
          {
            key: 'skills',
            label: t('volunteerConsole.volunteer.skills'),
            children: v.skills.map((skill) => t(`volunteers.skill.${skill}`)).join('、') || t('common.empty'),
          },
          {
            key: 'teams',
            label: t('volunteerConsole.volunteers.teams'),
            children:
              v.teams.length > 0 ? (
                <Space size={4} wrap>
                  {v.teams.map((team) => (
                    <Tag key={team.orgId}>{team.orgName}</Tag>
                  ))}
                </Space>
              ) : (
                t('common.empty')
              ),
          },
          { key: 'hours', label: t('volunteerConsole.volunteers.hours'), children: hoursOf(v.confirmedMinutes) },
          {
            key: 'stars',
            label: t('volunteerConsole.volunteers.stars'),
            children: (
              <Space size={4}>
                <StarText level={v.star.level} />
                {v.star.fiveStarPending ? <Tag color="gold">{t('volunteerConsole.volunteers.fivePending')}</Tag> : null}
                {v.star.nextAtHours === null
                  ? null
                  : t('volunteerConsole.volunteers.nextStar', { hours: v.star.nextAtHours })}
              </Space>
            ),
          },
          {
            key: 'status',
            label: t('volunteerConsole.volunteers.status'),
            children: t(`volunteerConsole.volunteers.statusOf.${v.status}`),
          },
          {
            key: 'registered',
            label: t('volunteerConsole.volunteers.registeredAt'),
            children: chinaDateTime(v.registeredAt),
          },
        ]}
      />
      <div style={{ marginTop: 16 }}>
        <RecordsTable filters={{ volunteerId: v.id }} caption={t('volunteerConsole.volunteers.records')} />
      </div>
    </Page>
  );
}

/** 所属站点: a township or committee officer puts the volunteer into a station of the area. */
function StationPicker({ volunteer, onChanged }: { volunteer: VolunteerView; onChanged: (v: VolunteerView) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const stations = useLoaded((signal) => listStations(undefined, signal), 'stations');
  const [isSaving, setSaving] = useState(false);
  return (
    <Select
      aria-label={t('volunteerConsole.volunteers.station')}
      style={{ width: 260 }}
      allowClear
      loading={isSaving || (!stations.data && !stations.error)}
      value={volunteer.station?.id}
      placeholder={t('volunteerConsole.volunteers.noStation')}
      options={[
        ...(volunteer.station ? [{ value: volunteer.station.id, label: volunteer.station.name }] : []),
        ...(stations.data?.items ?? [])
          .filter((station) => station.status === 'open' && station.id !== volunteer.station?.id)
          .map((station) => ({ value: station.id, label: station.name })),
      ]}
      onChange={async (stationId?: string) => {
        setSaving(true);
        try {
          onChanged(await assignStation(volunteer.id, stationId ?? null));
          void message.success(t('common.saved'));
        } catch (caught) {
          void message.error(errorText(caught));
        } finally {
          setSaving(false);
        }
      }}
    />
  );
}
