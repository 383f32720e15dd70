import type { Activity, ActivityField, ActivityKind } from '@linli/contract/activities';
import type { ServiceTarget } from '@linli/contract/organizations';
import { Alert, Button, DatePicker, Form, Input, InputNumber, Radio, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAccess } from '../../../app/access';
import { applyFieldErrors } from '../../../app/form-errors';
import { ErrorAlert } from '../../../components/error-alert';
import { createActivity, updateActivity } from '../api';
import { chinaDay, chinaTime, fieldChoices, kindChoices, stepsForKind, targetChoices } from './activity-options';
import { OrgSelect } from './org-select';
import { PathText } from './status-tags';
import { campaignLabel, useCampaigns, useVenues } from './use-choices';

type PlanValues = {
  orgId?: string;
  title: string;
  content: string;
  field?: ActivityField;
  campaign: string;
  kind: ActivityKind;
  startsAt?: Dayjs | null;
  endsAt?: Dayjs | null;
  place: 'room' | 'address';
  venueRoomId?: string | null;
  address?: string;
  targetGroups: ServiceTarget[];
  expectedParticipants?: number | null;
  partnerOrgIds: string[];
};

const TIME_FORMAT = 'YYYY-MM-DD HH:mm';

/** The picker shows China wall-clock time whatever the browser's zone: activities happen in China. */
function toIso(value: Dayjs): string {
  return `${value.format('YYYY-MM-DDTHH:mm')}:00+08:00`;
}

function fromIso(iso: string): Dayjs {
  return dayjs(`${chinaDay(iso)}T${chinaTime(iso)}`);
}

function initialOf(activity: Activity | undefined): Partial<PlanValues> {
  if (!activity) {
    return { campaign: '', kind: 'ordinary', place: 'address', targetGroups: [], partnerOrgIds: [] };
  }
  return {
    orgId: activity.orgId,
    title: activity.title,
    content: activity.content,
    field: activity.field,
    campaign: activity.campaign ?? '',
    kind: activity.kind,
    startsAt: fromIso(activity.startsAt),
    endsAt: fromIso(activity.endsAt),
    place: activity.venueRoomId ? 'room' : 'address',
    venueRoomId: activity.venueRoomId,
    address: activity.address,
    targetGroups: activity.targetGroups,
    expectedParticipants: activity.expectedParticipants,
    partnerOrgIds: activity.partnerOrgs.map((org) => org.id),
  };
}

type ActivityFormProps = {
  /** absent: plan a new activity; present: edit this draft or rejected plan */
  activity?: Activity;
  onSaved: (activity: Activity) => void;
  onCancel: () => void;
};

/**
 * 策划活动: the plan of an activity, saved as a draft. Before saving it tells which path the kind
 * alone requires (ordinary / report to the committee / approval by the supervising authority);
 * the server decides the full path (size thresholds are set per area) and the detail page shows
 * it, with the deadline, before anything is sent.
 */
export function ActivityForm({ activity, onSaved, onCancel }: ActivityFormProps) {
  const { t } = useTranslation();
  const { can } = useAccess();
  const [form] = Form.useForm<PlanValues>();
  const [error, setError] = useState<unknown>(null);
  const [isSaving, setSaving] = useState(false);
  const campaigns = useCampaigns();
  const { venues } = useVenues();
  const kind = Form.useWatch('kind', form) ?? activity?.kind ?? 'ordinary';
  const place = Form.useWatch('place', form) ?? (activity?.venueRoomId ? 'room' : 'address');
  const orgId = Form.useWatch('orgId', form);
  const kindSteps = stepsForKind(kind);
  const mayPickPartners = can('organizations.read');

  const roomOptions = venues
    .filter((venue) => venue.status === 'open' && venue.rooms.length > 0)
    .map((venue) => ({
      label: `${venue.name}（${venue.areaFullName}）`,
      options: venue.rooms.map((room) => ({
        value: room.id,
        label: t('activityPages.form.roomOption', { room: room.name, capacity: room.capacity, venue: venue.name }),
      })),
    }));

  const finish = async (values: PlanValues) => {
    setError(null);
    setSaving(true);
    const plan = {
      title: values.title.trim(),
      content: values.content.trim(),
      field: values.field!,
      campaign: values.campaign || null,
      kind: values.kind,
      startsAt: toIso(values.startsAt!),
      endsAt: toIso(values.endsAt!),
      venueRoomId: values.place === 'room' ? (values.venueRoomId ?? null) : null,
      address: values.place === 'address' ? (values.address ?? '').trim() : '',
      targetGroups: values.targetGroups ?? [],
      expectedParticipants: values.expectedParticipants ?? 0,
      partnerOrgIds: values.partnerOrgIds ?? [],
    };
    try {
      const saved = activity
        ? await updateActivity(activity.id, plan)
        : await createActivity({ ...plan, orgId: values.orgId! });
      onSaved(saved);
    } catch (caught) {
      if (!applyFieldErrors(form, caught)) {
        setError(caught);
      } else {
        setError(null);
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form<PlanValues>
      name="activity-plan"
      form={form}
      layout="vertical"
      initialValues={initialOf(activity)}
      onFinish={(values) => void finish(values)}
      scrollToFirstError
      style={{ maxWidth: 760 }}
    >
      <ErrorAlert error={error} />
      {activity ? null : (
        <Form.Item
          name="orgId"
          label={t('activityPages.fields.org')}
          rules={[{ required: true, message: t('activityPages.form.orgRequired') }]}
        >
          <OrgSelect scope="own" />
        </Form.Item>
      )}
      <Form.Item
        name="title"
        label={t('activities.fields.title')}
        rules={[{ required: true, whitespace: true, min: 2, message: t('activityPages.form.titleRequired') }]}
      >
        <Input maxLength={100} showCount />
      </Form.Item>
      <Form.Item
        name="content"
        label={t('activities.fields.content')}
        rules={[{ required: true, whitespace: true, min: 2, message: t('activityPages.form.contentRequired') }]}
      >
        <Input.TextArea maxLength={5000} showCount autoSize={{ minRows: 3, maxRows: 10 }} />
      </Form.Item>
      <Space size="large" wrap align="start">
        <Form.Item
          name="field"
          label={t('activities.fields.field')}
          rules={[{ required: true, message: t('activityPages.form.fieldRequired') }]}
        >
          <Select
            style={{ width: 220 }}
            options={fieldChoices.map((value) => ({ value, label: t(`activities.field.${value}`) }))}
          />
        </Form.Item>
        <Form.Item name="campaign" label={t('activities.fields.campaign')}>
          <Select
            style={{ width: 240 }}
            options={[
              { value: '', label: t('activityPages.noCampaign') },
              ...campaigns.map((campaign) => ({
                value: campaign.key,
                label: campaignLabel(t, campaign.key, campaigns),
              })),
            ]}
          />
        </Form.Item>
        <Form.Item name="kind" label={t('activities.fields.kind')} rules={[{ required: true }]}>
          <Select
            style={{ width: 200 }}
            options={kindChoices.map((value) => ({ value, label: t(`activities.kind.${value}`) }))}
          />
        </Form.Item>
      </Space>
      <Alert
        type={kindSteps.length > 0 ? 'warning' : 'info'}
        showIcon
        role="status"
        aria-live="polite"
        className="linli-path-hint"
        message={
          <>
            {t('activityPages.form.pathByKind')}
            <strong>
              <PathText steps={kindSteps} />
            </strong>
          </>
        }
        description={
          kindSteps.length > 0
            ? `${t('activityPages.form.pathLeadHint')} ${t('activityPages.form.pathServerHint')}`
            : t('activityPages.form.pathServerHint')
        }
        style={{ marginBottom: 16 }}
      />
      <Space size="large" wrap align="start">
        <Form.Item
          name="startsAt"
          label={t('activities.fields.startsAt')}
          rules={[{ required: true, message: t('activityPages.form.startsRequired') }]}
          extra={t('activityPages.form.chinaTime')}
        >
          <DatePicker showTime={{ format: 'HH:mm' }} format={TIME_FORMAT} style={{ width: 220 }} />
        </Form.Item>
        <Form.Item
          name="endsAt"
          label={t('activities.fields.endsAt')}
          dependencies={['startsAt']}
          rules={[
            { required: true, message: t('activityPages.form.endsRequired') },
            ({ getFieldValue }) => ({
              validator: (_rule, value: Dayjs | null | undefined) => {
                const starts = getFieldValue('startsAt') as Dayjs | null | undefined;
                return !value || !starts || value.isAfter(starts)
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('activityPages.form.endsBeforeStart')));
              },
            }),
          ]}
        >
          <DatePicker showTime={{ format: 'HH:mm' }} format={TIME_FORMAT} style={{ width: 220 }} />
        </Form.Item>
      </Space>
      <Form.Item name="place" label={t('activityPages.form.place')}>
        <Radio.Group
          options={[
            { value: 'address', label: t('activityPages.form.placeAddress') },
            { value: 'room', label: t('activityPages.form.placeRoom'), disabled: roomOptions.length === 0 },
          ]}
        />
      </Form.Item>
      {place === 'room' ? (
        <Form.Item
          name="venueRoomId"
          label={t('activityPages.form.room')}
          rules={[{ required: true, message: t('activityPages.form.roomRequired') }]}
          extra={t('activityPages.form.roomHint')}
        >
          <Select options={roomOptions} showSearch optionFilterProp="label" />
        </Form.Item>
      ) : (
        <Form.Item
          name="address"
          label={t('activities.fields.address')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('activityPages.form.addressRequired') }]}
        >
          <Input maxLength={200} />
        </Form.Item>
      )}
      <Form.Item name="targetGroups" label={t('activities.fields.targetGroups')}>
        <Select
          mode="multiple"
          options={targetChoices.map((value) => ({ value, label: t(`org.serviceTarget.${value}`) }))}
        />
      </Form.Item>
      <Form.Item
        name="expectedParticipants"
        label={t('activities.fields.expectedParticipants')}
        rules={[{ required: true, message: t('activityPages.form.participantsRequired') }]}
      >
        <InputNumber<number> min={1} max={1_000_000} precision={0} style={{ width: 200 }} />
      </Form.Item>
      <Form.Item
        name="partnerOrgIds"
        label={t('activities.fields.partnerOrgs')}
        extra={mayPickPartners ? undefined : t('activityPages.form.partnersHint')}
      >
        <OrgSelect scope="any" isMultiple exclude={orgId ? [orgId] : activity ? [activity.orgId] : []} />
      </Form.Item>
      <Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={isSaving}>
            {activity ? t('activityPages.form.saveChanges') : t('activityPages.form.saveDraft')}
          </Button>
          <Button onClick={onCancel}>{t('common.cancel')}</Button>
        </Space>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          {t('activityPages.form.draftHint')}
        </Typography.Paragraph>
      </Form.Item>
    </Form>
  );
}
