import {
  ModalForm,
  ProFormDateTimeRangePicker,
  ProFormDependency,
  ProFormDigit,
  ProFormRadio,
  ProFormText,
  ProFormTextArea,
} from '@ant-design/pro-components';
import type { Need, NeedSummary } from '@linli/contract/needs';
import { App, Form, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors } from '../../../app/form-errors';
import { ApiError } from '../../../app/request';
import { ErrorAlert } from '../../../components/error-alert';
import {
  acceptNeed,
  completeNeed,
  declineNeed,
  dispatchNeed,
  type OrgChoice,
  redispatchNeed,
  refuseNeed,
  searchActiveOrganizations,
} from '../api';
import { isInDispatchArea, levelAbove } from './need-options';

/** The steps taken in a dialog (the dispatcher's three, the organization's three). */
export type NeedStep = 'dispatch' | 'redispatch' | 'decline' | 'accept' | 'refuse' | 'complete';

type DialogProps = {
  need: NeedSummary;
  step: NeedStep;
  onClose: () => void;
  /** the need as it is now (null after a refusal: the organization no longer sees it) */
  onDone: (need: Need | null) => void;
  /** the need moved on meanwhile (404/409): the caller reloads */
  onStale: () => void;
};

const stepLabel = {
  dispatch: 'needs.console.dispatch',
  redispatch: 'needs.console.redispatch',
  decline: 'needs.console.decline',
  accept: 'needs.console.accept',
  refuse: 'needs.console.refuse',
  complete: 'needs.console.complete',
} as const satisfies Record<NeedStep, string>;

export const stepLabelKey = (step: NeedStep) => stepLabel[step];

type Values = {
  orgId?: string;
  note?: string;
  reason?: string;
  plan?: 'activity' | 'volunteerTask';
  activity?: {
    title?: string;
    range?: [Dayjs | string, Dayjs | string];
    expectedParticipants?: number;
    address?: string;
  };
};

/** A first suggestion for the activity: tomorrow 09:00–11:00 (the organization adjusts it). */
function suggestedTime(): [Dayjs, Dayjs] {
  const tomorrow = dayjs().add(1, 'day').hour(9).minute(0).second(0).millisecond(0);
  return [tomorrow, tomorrow.add(2, 'hour')];
}

/** One dialog for each step a dispatcher or an organization takes on a need; reasons and notes are required where the server asks. */
export function NeedStepDialog({ need, step, onClose, onDone, onStale }: DialogProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const label = t(stepLabel[step]);
  const isDanger = step === 'decline' || step === 'refuse';

  const send = async (values: Values): Promise<Need | null> => {
    switch (step) {
      case 'dispatch':
        return dispatchNeed(need.id, { orgId: values.orgId ?? '', note: (values.note ?? '').trim() });
      case 'redispatch':
        return redispatchNeed(need.id, (values.reason ?? '').trim());
      case 'decline':
        return declineNeed(need.id, (values.reason ?? '').trim());
      case 'refuse':
        await refuseNeed(need.id, (values.reason ?? '').trim());
        return null;
      case 'complete':
        return completeNeed(need.id, (values.note ?? '').trim());
      case 'accept': {
        if (values.plan === 'volunteerTask') {
          return acceptNeed(need.id, { plan: 'volunteerTask', note: (values.note ?? '').trim() });
        }
        const activity = values.activity ?? {};
        // ProForm hands dates over as strings (its dateFormatter); dayjs reads either
        const [start, end] = (activity.range ?? suggestedTime()).map((value) => dayjs(value));
        return acceptNeed(need.id, {
          plan: 'activity',
          activity: {
            ...(activity.title?.trim() ? { title: activity.title.trim() } : {}),
            startsAt: (start ?? dayjs()).toISOString(),
            endsAt: (end ?? dayjs()).toISOString(),
            expectedParticipants: activity.expectedParticipants ?? 10,
            venueRoomId: null,
            ...(activity.address?.trim() ? { address: activity.address.trim() } : {}),
          },
        });
      }
    }
  };

  const reasonRules = [
    { required: true, whitespace: true, message: t('needs.console.reasonRequired') },
    { min: 2, message: t('needs.console.reasonRequired') },
  ];
  const noteRules = [
    { required: true, whitespace: true, message: t('needs.console.noteRequired') },
    { min: 2, message: t('needs.console.noteRequired') },
  ];
  const above = levelAbove(need.dispatchLevel);

  return (
    <ModalForm<Values>
      name={`need-${step}-${need.id}`}
      title={t(`needs.console.${step}Title`, { title: need.title })}
      form={form}
      open
      layout="vertical"
      initialValues={{
        plan: 'activity',
        activity: {
          title: need.title,
          range: suggestedTime(),
          expectedParticipants: 10,
          address: need.address,
        },
      }}
      onOpenChange={(open) => {
        if (!open) {
          onClose();
        }
      }}
      modalProps={{ destroyOnHidden: true, maskClosable: false, okButtonProps: { danger: isDanger } }}
      submitter={{ searchConfig: { submitText: label, resetText: t('common.cancel') } }}
      onFinish={async (values) => {
        setError(null);
        try {
          const next = await send(values);
          void message.success(
            step === 'refuse' ? t('needs.console.refused') : t('needs.console.done', { action: label }),
          );
          onDone(next);
          onClose();
          return true;
        } catch (caught) {
          const placed = applyFieldErrors(form, caught, {
            'activity.startsAt': ['activity', 'range'],
            'activity.endsAt': ['activity', 'range'],
          });
          if (!placed) {
            setError(caught);
          }
          if (caught instanceof ApiError && (caught.status === 409 || caught.status === 404)) {
            onStale();
          }
          return false;
        }
      }}
    >
      <ErrorAlert error={error} />
      <Typography.Paragraph type="secondary">
        {need.areaFullName} · {need.address} · {t('needs.fields.deadline')} {need.deadline}
      </Typography.Paragraph>
      {step === 'dispatch' ? (
        <>
          <Typography.Paragraph>{t('needs.console.dispatchHint')}</Typography.Paragraph>
          <Form.Item
            name="orgId"
            label={t('needs.fields.org')}
            rules={[{ required: true, message: t('needs.console.orgPlaceholder') }]}
          >
            <OrgPicker need={need} />
          </Form.Item>
          <ProFormTextArea
            name="note"
            label={t('needs.console.dispatchNote')}
            fieldProps={{ maxLength: 500, showCount: true, autoSize: { minRows: 2, maxRows: 6 } }}
          />
        </>
      ) : null}
      {step === 'redispatch' ? (
        <Typography.Paragraph>
          {above
            ? t('needs.console.redispatchHint', { level: t(`needs.level.${above}`) })
            : t('needs.console.redispatchTop')}
        </Typography.Paragraph>
      ) : null}
      {step === 'decline' ? <Typography.Paragraph>{t('needs.console.declineHint')}</Typography.Paragraph> : null}
      {step === 'refuse' ? <Typography.Paragraph>{t('needs.console.refuseHint')}</Typography.Paragraph> : null}
      {step === 'redispatch' || step === 'decline' || step === 'refuse' ? (
        <ProFormTextArea
          name="reason"
          label={t('needs.fields.reason')}
          rules={reasonRules}
          fieldProps={{ maxLength: 500, showCount: true, autoSize: { minRows: 3, maxRows: 6 } }}
        />
      ) : null}
      {step === 'complete' ? (
        <ProFormTextArea
          name="note"
          label={t('needs.console.completeNote')}
          extra={t('needs.console.completeHint')}
          rules={noteRules}
          fieldProps={{ maxLength: 2000, showCount: true, autoSize: { minRows: 3, maxRows: 8 } }}
        />
      ) : null}
      {step === 'accept' ? (
        <>
          <ProFormRadio.Group
            name="plan"
            label={t('needs.console.acceptPlan')}
            radioType="radio"
            options={[
              { value: 'activity', label: t('needs.console.planActivity') },
              { value: 'volunteerTask', label: t('needs.console.planVolunteerTask') },
            ]}
          />
          <ProFormDependency name={['plan']}>
            {({ plan }) =>
              plan === 'volunteerTask' ? (
                <ProFormTextArea
                  name="note"
                  label={t('needs.console.taskNote')}
                  placeholder={t('needs.console.taskNoteHint')}
                  rules={noteRules}
                  fieldProps={{ maxLength: 1000, showCount: true, autoSize: { minRows: 3, maxRows: 6 } }}
                />
              ) : (
                <>
                  <Typography.Paragraph type="secondary">{t('needs.console.activityHint')}</Typography.Paragraph>
                  <ProFormText
                    name={['activity', 'title']}
                    label={t('needs.console.activityTitle')}
                    fieldProps={{ maxLength: 100 }}
                  />
                  <ProFormDateTimeRangePicker
                    name={['activity', 'range']}
                    label={t('needs.console.activityTime')}
                    rules={[{ required: true, message: t('needs.console.activityTimeRequired') }]}
                    fieldProps={{
                      format: 'YYYY-MM-DD HH:mm',
                      showTime: { format: 'HH:mm', minuteStep: 5 },
                      placeholder: [t('needs.console.activityStart'), t('needs.console.activityEnd')],
                    }}
                  />
                  <ProFormDigit
                    name={['activity', 'expectedParticipants']}
                    label={t('needs.console.expectedParticipants')}
                    min={1}
                    max={1_000_000}
                    fieldProps={{ precision: 0 }}
                  />
                  <ProFormText
                    name={['activity', 'address']}
                    label={t('needs.console.activityAddress')}
                    fieldProps={{ maxLength: 200 }}
                  />
                </>
              )
            }
          </ProFormDependency>
        </>
      ) : null}
    </ModalForm>
  );
}

/** Active organizations of the jurisdiction that lie in the area the need's level covers; searchable by name. */
function OrgPicker({
  need,
  id,
  value,
  onChange,
}: {
  need: NeedSummary;
  id?: string;
  value?: string;
  onChange?: (value: string | undefined) => void;
}) {
  const { t } = useTranslation();
  const [options, setOptions] = useState<OrgChoice[]>([]);
  const [isLoading, setLoading] = useState(false);
  const controllerRef = useRef<AbortController | null>(null);

  const search = (term: string) => {
    controllerRef.current?.abort();
    const trimmed = term.trim();
    if (trimmed.length === 1) {
      return;
    }
    const controller = new AbortController();
    controllerRef.current = controller;
    setLoading(true);
    searchActiveOrganizations(trimmed, controller.signal).then(
      (orgs) => {
        setOptions(orgs.filter((org) => isInDispatchArea(need, org.areaCode)));
        setLoading(false);
      },
      () => {
        if (!controller.signal.aborted) {
          setLoading(false);
        }
      },
    );
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: the first choices load once per need
  useEffect(() => {
    search('');
    return () => controllerRef.current?.abort();
  }, [need.id]);

  return (
    <Select<string>
      id={id}
      value={value}
      onChange={(next) => onChange?.(next)}
      showSearch
      filterOption={false}
      onSearch={search}
      loading={isLoading}
      placeholder={t('needs.console.orgPlaceholder')}
      notFoundContent={t('needs.console.orgSearchHint')}
      options={options.map((org) => ({ value: org.id, label: `${org.name}（${org.areaFullName}）` }))}
      style={{ width: '100%' }}
    />
  );
}
