import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import type { PracticeLevel, Venue, VenueKind } from '@linli/contract/activities';
import { App, Button, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors } from '../../../app/form-errors';
import { useJurisdictionRoots } from '../../../app/jurisdiction';
import { AreaCascader, type AreaChoice } from '../../../components/area-cascader';
import { ErrorAlert } from '../../../components/error-alert';
import { createVenue, requestBooking, updateVenue, type VenuePatch } from '../api';
import { practiceLevelChoices, venueKindChoices } from './activity-options';
import { OrgSelect } from './org-select';

type RoomValue = { name: string; capacity?: number | null };
type VenueValues = {
  name: string;
  kind: VenueKind;
  level?: PracticeLevel;
  area?: AreaChoice | null;
  address: string;
  openingHours?: string;
  runByOrgId?: string | null;
  managerName?: string;
  managerMobile?: string;
  status?: 'open' | 'closed';
  rooms: RoomValue[];
};

function RoomsField({ name, label }: { name: string; label: string }) {
  const { t } = useTranslation();
  return (
    <Form.List name={name}>
      {(fields, { add, remove }) => (
        <fieldset className="linli-fieldset">
          <legend>{label}</legend>
          {fields.map((field, index) => (
            <Space
              key={field.key}
              align="baseline"
              wrap
              role="group"
              aria-label={t('activityPages.venues.roomN', { n: index + 1 })}
            >
              <Form.Item
                name={[field.name, 'name']}
                label={t('activityPages.venues.roomName')}
                rules={[{ required: true, whitespace: true, message: t('activityPages.venues.roomNameRequired') }]}
              >
                <Input maxLength={60} style={{ width: 200 }} />
              </Form.Item>
              <Form.Item
                name={[field.name, 'capacity']}
                label={t('activityPages.venues.capacity')}
                rules={[{ required: true, message: t('activityPages.venues.capacityRequired') }]}
              >
                <InputNumber<number> min={1} max={100_000} precision={0} style={{ width: 120 }} />
              </Form.Item>
              <Button
                type="text"
                icon={<MinusCircleOutlined aria-hidden />}
                aria-label={t('activityPages.venues.removeRoom', { n: index + 1 })}
                onClick={() => remove(field.name)}
              />
            </Space>
          ))}
          <Button icon={<PlusOutlined aria-hidden />} onClick={() => add({ name: '', capacity: null })}>
            {t('activityPages.venues.addRoom')}
          </Button>
        </fieldset>
      )}
    </Form.List>
  );
}

const rooms = (values: RoomValue[] | undefined) =>
  (values ?? []).map((room) => ({ name: room.name.trim(), capacity: room.capacity ?? 1 }));

/** 新增阵地 / 编辑阵地: a venue with its rooms (new rooms are added; existing ones stay). */
export function VenueDialog({
  venue,
  onClose,
  onSaved,
}: {
  venue?: Venue;
  onClose: () => void;
  onSaved: (venue: Venue) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const roots = useJurisdictionRoots();
  const [form] = Form.useForm<VenueValues>();
  const [error, setError] = useState<unknown>(null);
  const [isSaving, setSaving] = useState(false);
  const kind = Form.useWatch('kind', form) ?? venue?.kind ?? 'practiceCenter';

  const save = (values: VenueValues) => {
    setSaving(true);
    setError(null);
    const common = {
      name: values.name.trim(),
      address: values.address.trim(),
      openingHours: (values.openingHours ?? '').trim(),
      runByOrgId: values.runByOrgId ?? null,
      managerName: (values.managerName ?? '').trim(),
      ...(values.managerMobile?.trim() ? { managerMobile: values.managerMobile.trim() } : {}),
    };
    const call = venue
      ? updateVenue(venue.id, {
          ...common,
          status: values.status ?? venue.status,
          ...(values.rooms?.length ? { addRooms: rooms(values.rooms) } : {}),
        } satisfies VenuePatch)
      : createVenue({
          ...common,
          kind: values.kind,
          ...(values.kind === 'practiceCenter' && values.level ? { level: values.level } : {}),
          areaCode: values.area?.code ?? '',
          rooms: rooms(values.rooms),
        });
    call
      .then((saved) => {
        void message.success(t('common.saved'));
        onSaved(saved);
        onClose();
      })
      .catch((caught: unknown) => {
        if (!applyFieldErrors(form, caught, { areaCode: 'area', addRooms: 'rooms' })) {
          setError(caught);
        }
      })
      .finally(() => setSaving(false));
  };

  return (
    <Modal
      open
      title={venue ? t('activityPages.venues.editTitle', { name: venue.name }) : t('activityPages.venues.newTitle')}
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={isSaving}
      onOk={() => form.submit()}
      destroyOnHidden
      maskClosable={false}
      width={720}
    >
      <Form<VenueValues>
        name="venue"
        form={form}
        layout="vertical"
        onFinish={save}
        initialValues={
          venue
            ? {
                name: venue.name,
                kind: venue.kind,
                address: venue.address,
                openingHours: venue.openingHours,
                runByOrgId: venue.runByOrgId,
                managerName: venue.managerName,
                status: venue.status,
                rooms: [],
              }
            : { kind: 'practiceCenter', level: 'station', rooms: [{ name: '', capacity: null }] }
        }
      >
        <ErrorAlert error={error} />
        <Form.Item
          name="name"
          label={t('activityPages.venues.name')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('activityPages.venues.nameRequired') }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        {venue ? null : (
          <>
            <Form.Item name="kind" label={t('activityPages.venues.kind')}>
              <Select
                options={venueKindChoices.map((value) => ({ value, label: t(`activities.venueKind.${value}`) }))}
              />
            </Form.Item>
            {kind === 'practiceCenter' ? (
              <Form.Item
                name="level"
                label={t('activityPages.venues.level')}
                extra={t('activityPages.venues.levelHint')}
              >
                <Radio.Group
                  options={practiceLevelChoices.map((value) => ({
                    value,
                    label: t(`activities.practiceLevel.${value}`),
                  }))}
                />
              </Form.Item>
            ) : null}
            <Form.Item
              name="area"
              label={t('activityPages.venues.area')}
              rules={[{ required: true, message: t('activityPages.venues.areaRequired') }]}
            >
              <AreaCascader roots={roots} levels={['county', 'township', 'community']} />
            </Form.Item>
          </>
        )}
        <Form.Item
          name="address"
          label={t('activities.fields.address')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('activityPages.form.addressRequired') }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="openingHours" label={t('activityPages.venues.openingHours')}>
          <Input maxLength={200} placeholder={t('activityPages.venues.openingHoursPlaceholder')} />
        </Form.Item>
        <Form.Item name="runByOrgId" label={t('activityPages.venues.runBy')}>
          <OrgSelect scope="any" allowClear />
        </Form.Item>
        <Space wrap size="large">
          <Form.Item name="managerName" label={t('activityPages.venues.managerName')}>
            <Input maxLength={50} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item
            name="managerMobile"
            label={t('activityPages.venues.managerMobile')}
            extra={
              venue?.managerMobileMasked
                ? t('activityPages.venues.mobileKept', { masked: venue.managerMobileMasked })
                : undefined
            }
          >
            <Input maxLength={20} inputMode="tel" style={{ width: 200 }} />
          </Form.Item>
          {venue ? (
            <Form.Item name="status" label={t('activityPages.venues.status')}>
              <Radio.Group
                options={[
                  { value: 'open', label: t('activityPages.venues.open') },
                  { value: 'closed', label: t('activityPages.venues.closed') },
                ]}
              />
            </Form.Item>
          ) : null}
        </Space>
        <RoomsField name="rooms" label={venue ? t('activityPages.venues.newRooms') : t('activityPages.venues.rooms')} />
      </Form>
    </Modal>
  );
}

type BookingValues = { roomId: string; orgId: string; range: [Dayjs, Dayjs]; purpose?: string };

/** 预约活动室: an organization asks the venue for a room and a time slot. */
export function BookingDialog({ venue, onClose, onSaved }: { venue: Venue; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<BookingValues>();
  const [error, setError] = useState<unknown>(null);
  const [isSaving, setSaving] = useState(false);
  const toIso = (value: Dayjs) => `${value.format('YYYY-MM-DDTHH:mm')}:00+08:00`;

  const save = (values: BookingValues) => {
    setSaving(true);
    setError(null);
    requestBooking(values.roomId, {
      orgId: values.orgId,
      startsAt: toIso(values.range[0]),
      endsAt: toIso(values.range[1]),
      purpose: (values.purpose ?? '').trim(),
    })
      .then(() => {
        void message.success(t('activityPages.bookings.requested'));
        onSaved();
        onClose();
      })
      .catch((caught: unknown) => {
        if (!applyFieldErrors(form, caught, { startsAt: 'range', endsAt: 'range' })) {
          setError(caught);
        }
      })
      .finally(() => setSaving(false));
  };

  return (
    <Modal
      open
      title={t('activityPages.bookings.requestTitle', { venue: venue.name })}
      onCancel={onClose}
      okText={t('activityPages.bookings.request')}
      cancelText={t('common.cancel')}
      confirmLoading={isSaving}
      onOk={() => form.submit()}
      destroyOnHidden
      maskClosable={false}
    >
      <Form<BookingValues> name="booking" form={form} layout="vertical" onFinish={save}>
        <ErrorAlert error={error} />
        <Form.Item
          name="roomId"
          label={t('activityPages.bookings.room')}
          rules={[{ required: true, message: t('activityPages.form.roomRequired') }]}
        >
          <Select
            options={venue.rooms.map((room) => ({
              value: room.id,
              label: t('activityPages.bookings.roomOption', { room: room.name, capacity: room.capacity }),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="orgId"
          label={t('activityPages.fields.org')}
          rules={[{ required: true, message: t('activityPages.form.orgRequired') }]}
        >
          <OrgSelect scope="own" />
        </Form.Item>
        <Form.Item
          name="range"
          label={t('activityPages.bookings.slot')}
          rules={[{ required: true, message: t('activityPages.bookings.slotRequired') }]}
          extra={t('activityPages.form.chinaTime')}
        >
          <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
        </Form.Item>
        <Form.Item name="purpose" label={t('activityPages.bookings.purpose')}>
          <Input.TextArea maxLength={200} showCount autoSize={{ minRows: 2, maxRows: 4 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
