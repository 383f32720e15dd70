import { CalendarOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { type ProColumns, ProTable } from '@ant-design/pro-components';
import type { Booking, BookingStatus, Venue } from '@linli/contract/activities';
import { Alert, App, Button, Form, Input, Modal, Popconfirm, Select, Space, Tabs, Tag, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useAccess } from '../../../app/access';
import { errorText } from '../../../app/error-text';
import { applyFieldErrors } from '../../../app/form-errors';
import { ApiError } from '../../../app/request';
import { ErrorAlert } from '../../../components/error-alert';
import { Page } from '../../../components/page';
import { cancelBooking, decideBooking, listBookings } from '../api';
import { bookingStatusChoices, chinaDateTime, chinaDay, chinaTime } from '../components/activity-options';
import { BookingStatusTag } from '../components/status-tags';
import { useVenues } from '../components/use-choices';
import { BookingDialog, VenueDialog } from '../components/venue-forms';

type Tab = 'venues' | 'bookings';

/** “2026-12-03 20:00 – 22:00”, the end with its date when it falls on another day (China time). */
function slotText(booking: Pick<Booking, 'startsAt' | 'endsAt'>): string {
  const end =
    chinaDay(booking.startsAt) === chinaDay(booking.endsAt) ? chinaTime(booking.endsAt) : chinaDateTime(booking.endsAt);
  return `${chinaDateTime(booking.startsAt)} – ${end}`;
}

/**
 * 实践阵地: the practice venues (中心/所/站 and other facilities) with their rooms; officers record
 * and edit them and decide room bookings, organizations ask for a room. A confirmation that
 * overlaps another confirmed booking is refused by the server (409) and said so plainly.
 */
export function VenueListPage() {
  const { t } = useTranslation();
  const { can } = useAccess();
  const [search, setSearch] = useSearchParams();
  const tab: Tab = search.get('tab') === 'bookings' ? 'bookings' : 'venues';
  const [generation, setGeneration] = useState(0);
  const [editing, setEditing] = useState<Venue | 'new' | null>(null);

  return (
    <Page
      title={t('activityPages.venues.title')}
      extra={
        can('venues.manage') ? (
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing('new')}>
            {t('activityPages.venues.new')}
          </Button>
        ) : null
      }
    >
      <Tabs
        activeKey={tab}
        onChange={(key) => setSearch(key === 'venues' ? {} : { tab: key }, { replace: true })}
        items={[
          {
            key: 'venues',
            label: t('activityPages.venues.tab'),
            children: <VenueTable generation={generation} onEdit={setEditing} />,
          },
          { key: 'bookings', label: t('activityPages.bookings.tab'), children: <BookingTable /> },
        ]}
      />
      {editing ? (
        <VenueDialog
          venue={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
          onSaved={() => setGeneration((value) => value + 1)}
        />
      ) : null}
    </Page>
  );
}

function VenueTable({ generation, onEdit }: { generation: number; onEdit: (venue: Venue) => void }) {
  const { t } = useTranslation();
  const { can } = useAccess();
  const { venues, error, isLoading } = useVenues(generation);
  const [booking, setBooking] = useState<Venue | null>(null);
  const mayBook = can('activities.manage');

  const columns = useMemo<ProColumns<Venue>[]>(
    () => [
      {
        title: t('activityPages.venues.name'),
        dataIndex: 'name',
        render: (_dom, venue) => (
          <Space direction="vertical" size={0} style={{ maxWidth: 260 }}>
            <Typography.Text strong id={`linli-venue-${venue.id}`}>
              {venue.name}
            </Typography.Text>
            <Typography.Text type="secondary">
              {venue.level ? t(`activities.practiceLevel.${venue.level}`) : t(`activities.venueKind.${venue.kind}`)}
            </Typography.Text>
            <Typography.Text type="secondary">{venue.areaFullName}</Typography.Text>
          </Space>
        ),
      },
      {
        title: t('activityPages.venues.addressAndHours'),
        dataIndex: 'address',
        render: (_dom, venue) => (
          <Space direction="vertical" size={0} style={{ maxWidth: 240 }}>
            <span>{venue.address}</span>
            {venue.openingHours ? <Typography.Text type="secondary">{venue.openingHours}</Typography.Text> : null}
          </Space>
        ),
      },
      {
        title: t('activityPages.venues.rooms'),
        dataIndex: 'rooms',
        render: (_dom, venue) =>
          venue.rooms.length === 0 ? (
            t('common.empty')
          ) : (
            <ul className="linli-plain-list">
              {venue.rooms.map((room) => (
                <li key={room.id}>
                  {t('activityPages.bookings.roomOption', { room: room.name, capacity: room.capacity })}
                </li>
              ))}
            </ul>
          ),
      },
      {
        title: t('activityPages.venues.runByAndManager'),
        dataIndex: 'managerName',
        render: (_dom, venue) => (
          <Space direction="vertical" size={0}>
            <span>{venue.runByOrgName ?? t('common.empty')}</span>
            {venue.managerName ? (
              <Typography.Text type="secondary">
                {venue.managerName} {venue.managerMobileMasked ?? ''}
              </Typography.Text>
            ) : null}
          </Space>
        ),
      },
      {
        title: t('activityPages.venues.status'),
        dataIndex: 'status',
        render: (_dom, venue) =>
          venue.status === 'open' ? (
            <Tag color="green">{t('activityPages.venues.open')}</Tag>
          ) : (
            <Tag>{t('activityPages.venues.closed')}</Tag>
          ),
      },
      {
        title: t('common.actions'),
        dataIndex: 'actions',
        render: (_dom, venue) => (
          <Space direction="vertical">
            {venue.abilities.update ? (
              <Button
                size="small"
                icon={<EditOutlined aria-hidden />}
                aria-describedby={`linli-venue-${venue.id}`}
                onClick={() => onEdit(venue)}
              >
                {t('common.edit')}
              </Button>
            ) : null}
            {mayBook && venue.status === 'open' && venue.rooms.length > 0 ? (
              <Button
                size="small"
                icon={<CalendarOutlined aria-hidden />}
                aria-describedby={`linli-venue-${venue.id}`}
                onClick={() => setBooking(venue)}
              >
                {t('activityPages.bookings.request')}
              </Button>
            ) : null}
          </Space>
        ),
      },
    ],
    [t, mayBook, onEdit],
  );

  return (
    <>
      <ErrorAlert error={error} />
      <ProTable<Venue>
        rowKey="id"
        headerTitle={<h2 className="linli-card-title">{t('activityPages.venues.caption')}</h2>}
        columns={columns}
        dataSource={venues}
        loading={isLoading}
        search={false}
        pagination={false}
        options={false}
        locale={{ emptyText: t('activityPages.venues.empty') }}
        scroll={{ x: 'max-content' }}
      />
      {booking ? <BookingDialog venue={booking} onClose={() => setBooking(null)} onSaved={() => undefined} /> : null}
    </>
  );
}

function BookingTable() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [status, setStatus] = useState<BookingStatus | ''>('requested');
  const [items, setItems] = useState<Booking[]>([]);
  const [isLoading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [conflict, setConflict] = useState<{ booking: Booking; error: ApiError } | null>(null);
  const [declining, setDeclining] = useState<Booking | null>(null);
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((value) => value + 1), []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: generation is the reload trigger
  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    setError(null);
    listBookings({ status: status || undefined }, controller.signal).then(
      (list) => {
        setItems(list.items);
        setLoading(false);
      },
      (caught: unknown) => {
        if (!controller.signal.aborted) {
          setError(caught);
          setLoading(false);
        }
      },
    );
    return () => controller.abort();
  }, [status, generation]);

  const confirm = useCallback(
    (booking: Booking) => {
      setConflict(null);
      decideBooking(booking.id, { decision: 'confirm', reason: '' })
        .then(() => {
          void message.success(t('activityPages.bookings.confirmed'));
          reload();
        })
        .catch((caught: unknown) => {
          if (caught instanceof ApiError && caught.status === 409) {
            setConflict({ booking, error: caught });
          } else {
            void message.error(errorText(caught));
          }
          reload();
        });
    },
    [message, reload, t],
  );

  const withdraw = useCallback(
    (booking: Booking) => {
      cancelBooking(booking.id)
        .then(() => {
          void message.success(t('activityPages.bookings.withdrawn'));
          reload();
        })
        .catch((caught: unknown) => void message.error(errorText(caught)));
    },
    [message, reload, t],
  );

  const columns = useMemo<ProColumns<Booking>[]>(
    () => [
      {
        title: t('activityPages.bookings.room'),
        dataIndex: 'roomName',
        render: (_dom, booking) => (
          <span id={`linli-booking-${booking.id}`}>
            {booking.venueName} · {booking.roomName}
          </span>
        ),
      },
      { title: t('activityPages.fields.org'), dataIndex: 'orgName' },
      {
        title: t('activityPages.bookings.slot'),
        dataIndex: 'startsAt',
        render: (_dom, booking) => slotText(booking),
      },
      { title: t('activityPages.bookings.purpose'), dataIndex: 'purpose' },
      {
        title: t('activityPages.venues.status'),
        dataIndex: 'status',
        render: (_dom, booking) => (
          <Space direction="vertical" size={0}>
            <BookingStatusTag status={booking.status} />
            {booking.decisionReason ? (
              <Typography.Text type="secondary">{booking.decisionReason}</Typography.Text>
            ) : null}
          </Space>
        ),
      },
      {
        title: t('activityPages.bookings.requestedAt'),
        dataIndex: 'requestedAt',
        render: (_dom, booking) => chinaDateTime(booking.requestedAt),
      },
      {
        title: t('common.actions'),
        dataIndex: 'actions',
        render: (_dom, booking) => (
          <Space wrap>
            {booking.abilities.decide ? (
              <>
                <Button
                  type="primary"
                  size="small"
                  aria-describedby={`linli-booking-${booking.id}`}
                  onClick={() => confirm(booking)}
                >
                  {t('activityPages.bookings.confirm')}
                </Button>
                <Button
                  danger
                  size="small"
                  aria-describedby={`linli-booking-${booking.id}`}
                  onClick={() => setDeclining(booking)}
                >
                  {t('activityPages.bookings.decline')}
                </Button>
              </>
            ) : null}
            {booking.abilities.cancel ? (
              <Popconfirm
                title={t('activityPages.bookings.withdrawConfirm')}
                okText={t('common.confirm')}
                cancelText={t('common.cancel')}
                onConfirm={() => withdraw(booking)}
              >
                <Button size="small" aria-describedby={`linli-booking-${booking.id}`}>
                  {t('activityPages.bookings.withdraw')}
                </Button>
              </Popconfirm>
            ) : null}
          </Space>
        ),
      },
    ],
    [t, confirm, withdraw],
  );

  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <label htmlFor="linli-booking-status">{t('activityPages.venues.status')}</label>
        <Select<BookingStatus | ''>
          id="linli-booking-status"
          value={status}
          onChange={setStatus}
          style={{ width: 160 }}
          options={[
            { value: '', label: t('activityPages.filters.all') },
            ...bookingStatusChoices.map((value) => ({ value, label: t(`activities.bookingStatus.${value}`) })),
          ]}
        />
      </Space>
      {conflict ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          closable
          onClose={() => setConflict(null)}
          className="linli-error-alert"
          message={errorText(conflict.error)}
          description={t('activityPages.bookings.conflict', {
            room: `${conflict.booking.venueName} · ${conflict.booking.roomName}`,
            slot: slotText(conflict.booking),
            org: conflict.booking.orgName,
          })}
        />
      ) : null}
      <ErrorAlert error={error} />
      <ProTable<Booking>
        rowKey="id"
        headerTitle={<h2 className="linli-card-title">{t('activityPages.bookings.caption')}</h2>}
        columns={columns}
        dataSource={items}
        loading={isLoading}
        search={false}
        pagination={false}
        options={{ reload, density: false, setting: false }}
        locale={{ emptyText: t('activityPages.bookings.empty') }}
        scroll={{ x: 'max-content' }}
      />
      {declining ? <DeclineDialog booking={declining} onClose={() => setDeclining(null)} onDone={reload} /> : null}
    </>
  );
}

function DeclineDialog({ booking, onClose, onDone }: { booking: Booking; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const [error, setError] = useState<unknown>(null);
  const [isSaving, setSaving] = useState(false);
  return (
    <Modal
      open
      title={t('activityPages.bookings.declineTitle', { org: booking.orgName, room: booking.roomName })}
      onCancel={onClose}
      okText={t('activityPages.bookings.decline')}
      okButtonProps={{ danger: true }}
      cancelText={t('common.cancel')}
      confirmLoading={isSaving}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form<{ reason: string }>
        form={form}
        layout="vertical"
        name="booking-decline"
        onFinish={(values) => {
          setSaving(true);
          setError(null);
          decideBooking(booking.id, { decision: 'decline', reason: values.reason.trim() })
            .then(() => {
              onDone();
              onClose();
            })
            .catch((caught: unknown) => {
              if (!applyFieldErrors(form, caught)) {
                setError(caught);
              }
            })
            .finally(() => setSaving(false));
        }}
      >
        <ErrorAlert error={error} />
        <Form.Item
          name="reason"
          label={t('activityPages.review.reason')}
          rules={[
            { required: true, whitespace: true, message: t('activityPages.review.reasonRequired') },
            { min: 2, message: t('activityPages.review.reasonRequired') },
          ]}
        >
          <Input.TextArea maxLength={500} showCount autoSize={{ minRows: 3, maxRows: 6 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
