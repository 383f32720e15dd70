import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { ModalForm } from '@ant-design/pro-components';
import { App, Button, Form, Input, Radio, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAccess } from '../../../app/access';
import { applyFieldErrors } from '../../../app/form-errors';
import { useJurisdictionRoots } from '../../../app/jurisdiction';
import { AreaCascader, type AreaChoice } from '../../../components/area-cascader';
import { ErrorAlert } from '../../../components/error-alert';
import { Page } from '../../../components/page';
import { useLoaded } from '../../../components/use-loaded';
import { createStation, listStations, type Station, updateStation } from '../api';

/**
 * 志愿服务站点: the stations of the jurisdiction (000 四.二), kept by the township and the
 * committee: where they are, who to contact, open or closed, how many volunteers belong.
 */
export function StationListPage() {
  const { t } = useTranslation();
  const { can } = useAccess();
  const stations = useLoaded((signal) => listStations(undefined, signal), 'stations');
  const [editing, setEditing] = useState<Station | 'new' | null>(null);

  return (
    <Page
      title={t('volunteerConsole.stations.title')}
      extra={
        can('serviceStations.manage') ? (
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing('new')}>
            {t('volunteerConsole.stations.new')}
          </Button>
        ) : null
      }
    >
      <ErrorAlert error={stations.error} />
      <Table<Station>
        rowKey="id"
        size="middle"
        pagination={false}
        loading={!stations.data && !stations.error}
        dataSource={stations.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        caption={<h2 className="linli-card-title">{t('volunteerConsole.stations.caption')}</h2>}
        locale={{ emptyText: t('volunteerConsole.stations.empty') }}
        columns={[
          { title: t('volunteerConsole.stations.name'), dataIndex: 'name', key: 'name' },
          { title: t('volunteerConsole.stations.area'), dataIndex: 'areaFullName', key: 'area' },
          { title: t('volunteerConsole.stations.address'), dataIndex: 'address', key: 'address' },
          {
            title: t('volunteerConsole.stations.runBy'),
            key: 'runBy',
            render: (_v, row) => row.runByOrgName ?? t('common.empty'),
          },
          {
            title: t('volunteerConsole.stations.contact'),
            key: 'contact',
            render: (_v, row) =>
              [row.contactName, row.contactMobileMasked].filter(Boolean).join(' ') || t('common.empty'),
          },
          {
            title: t('volunteerConsole.stations.volunteers'),
            dataIndex: 'volunteerCount',
            key: 'count',
            align: 'right',
          },
          {
            title: t('volunteerConsole.stations.status'),
            key: 'status',
            render: (_v, row) => (
              <Tag color={row.status === 'open' ? 'green' : 'default'}>
                {t(`volunteerConsole.stations.statusOf.${row.status}`)}
              </Tag>
            ),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_v, row) =>
              row.abilities.update ? (
                <Button
                  size="small"
                  icon={<EditOutlined aria-hidden />}
                  onClick={() => setEditing(row)}
                  aria-label={t('volunteerConsole.stations.editOf', { name: row.name })}
                >
                  {t('common.edit')}
                </Button>
              ) : null,
          },
        ]}
      />
      {editing ? (
        <StationDialog
          station={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onDone={stations.reload}
        />
      ) : null}
    </Page>
  );
}

type StationValues = {
  name: string;
  area?: AreaChoice | null;
  address: string;
  contactName?: string;
  contactMobile?: string;
  status: 'open' | 'closed';
};

function StationDialog(props: { station: Station | null; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const roots = useJurisdictionRoots();
  const [form] = Form.useForm<StationValues>();
  const [error, setError] = useState<unknown>(null);
  const { station } = props;
  return (
    <ModalForm<StationValues>
      name="service-station"
      title={
        station ? t('volunteerConsole.stations.editOf', { name: station.name }) : t('volunteerConsole.stations.new')
      }
      form={form}
      open
      layout="vertical"
      initialValues={
        station
          ? { name: station.name, address: station.address, contactName: station.contactName, status: station.status }
          : { status: 'open' }
      }
      onOpenChange={(open) => {
        if (!open) {
          props.onClose();
        }
      }}
      submitter={{ searchConfig: { submitText: t('common.save'), resetText: t('common.cancel') } }}
      modalProps={{ destroyOnHidden: true, maskClosable: false }}
      onFinish={async (values) => {
        setError(null);
        const mobile = values.contactMobile?.trim();
        const common = {
          name: values.name.trim(),
          address: values.address.trim(),
          contactName: (values.contactName ?? '').trim(),
          ...(mobile ? { contactMobile: mobile } : {}),
        };
        try {
          if (station) {
            await updateStation(station.id, { ...common, status: values.status });
          } else {
            await createStation({ ...common, areaCode: values.area!.code, venueId: null, runByOrgId: null });
          }
          void message.success(t('common.saved'));
          props.onDone();
          return true;
        } catch (caught) {
          setError(applyFieldErrors(form, caught, { areaCode: 'area' }) ? null : caught);
          return false;
        }
      }}
    >
      <ErrorAlert error={error} />
      <Form.Item
        name="name"
        label={t('volunteerConsole.stations.name')}
        rules={[
          {
            required: true,
            whitespace: true,
            min: 2,
            message: t('common.required', { label: t('volunteerConsole.stations.name') }),
          },
        ]}
      >
        <Input maxLength={100} />
      </Form.Item>
      {station ? null : (
        <Form.Item
          name="area"
          label={t('volunteerConsole.stations.area')}
          extra={t('volunteerConsole.stations.areaHint')}
          rules={[{ required: true, message: t('common.required', { label: t('volunteerConsole.stations.area') }) }]}
        >
          <AreaCascader roots={roots} levels={['township', 'community']} />
        </Form.Item>
      )}
      <Form.Item
        name="address"
        label={t('volunteerConsole.stations.address')}
        rules={[
          {
            required: true,
            whitespace: true,
            min: 2,
            message: t('common.required', { label: t('volunteerConsole.stations.address') }),
          },
        ]}
      >
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="contactName" label={t('volunteerConsole.stations.contactName')}>
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item
        name="contactMobile"
        label={t('volunteerConsole.stations.contactMobile')}
        extra={
          station?.contactMobileMasked
            ? t('volunteerConsole.stations.mobileKept', { mobile: station.contactMobileMasked })
            : undefined
        }
        rules={[{ pattern: /^\s*1\d{10}\s*$/, message: t('volunteerConsole.volunteer.mobileFormat') }]}
      >
        <Input maxLength={11} inputMode="tel" autoComplete="off" />
      </Form.Item>
      {station ? (
        <Form.Item name="status" label={t('volunteerConsole.stations.status')}>
          <Radio.Group
            options={[
              { value: 'open', label: t('volunteerConsole.stations.statusOf.open') },
              { value: 'closed', label: t('volunteerConsole.stations.statusOf.closed') },
            ]}
          />
        </Form.Item>
      ) : null}
    </ModalForm>
  );
}
