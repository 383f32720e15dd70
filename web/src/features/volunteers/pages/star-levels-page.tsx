import { ProCard } from '@ant-design/pro-components';
import { App, Button, Form, InputNumber, Popconfirm, Radio, Select, Space, Switch, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useAccess } from '../../../app/access';
import { errorText } from '../../../app/error-text';
import { applyFieldErrors } from '../../../app/form-errors';
import { useJurisdictionRoots } from '../../../app/jurisdiction';
import { ErrorAlert } from '../../../components/error-alert';
import { Page } from '../../../components/page';
import { useLoaded } from '../../../components/use-loaded';
import {
  decideFiveStar,
  getStarSettings,
  listFiveStarRequests,
  type StarSettings,
  setStarSettings,
  type VolunteerSummary,
} from '../api';
import { StarText } from '../components/status-tags';
import { hoursOf } from '../components/volunteer-options';

/**
 * 星级评定: county officers set the hours for one to five stars (default 100/300/600/1,000/1,500,
 * 中国社区志愿者注册管理办法) and whether five stars need approval — or inherit them from above —
 * and decide the five-star requests of their jurisdiction.
 */
export function StarLevelsPage() {
  const { t } = useTranslation();
  const { can } = useAccess();
  return (
    <Page title={t('volunteerConsole.starLevels.title')}>
      <Space direction="vertical" size="large" style={{ width: '100%' }}>
        {can('volunteers.configure') ? <StarSettingsCard /> : null}
        {can('volunteers.approveStar') ? <FiveStarQueue /> : null}
      </Space>
    </Page>
  );
}

type SettingsValues = {
  inheritThresholds: boolean;
  thresholds: (number | null)[];
  approval: 'inherit' | 'yes' | 'no';
};

function valuesOf(settings: StarSettings): SettingsValues {
  return {
    inheritThresholds: settings.own.thresholdsHours === null,
    thresholds: settings.own.thresholdsHours ?? settings.effective.thresholdsHours,
    approval:
      settings.own.fiveStarNeedsApproval === null ? 'inherit' : settings.own.fiveStarNeedsApproval ? 'yes' : 'no',
  };
}

function StarSettingsCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const roots = useJurisdictionRoots();
  const areas = roots.filter((root) => ['country', 'province', 'city', 'county'].includes(root.level));
  const [areaCode, setAreaCode] = useState<string | undefined>(areas[0]?.code);
  const [form] = Form.useForm<SettingsValues>();
  const [error, setError] = useState<unknown>(null);
  const [isSaving, setSaving] = useState(false);
  const settings = useLoaded(
    (signal) => (areaCode ? getStarSettings(areaCode, signal) : Promise.resolve(null)),
    areaCode ?? '',
  );
  const inherit = Form.useWatch('inheritThresholds', form);

  useEffect(() => {
    if (!areaCode && areas[0]) {
      setAreaCode(areas[0].code);
    }
  }, [areaCode, areas]);

  useEffect(() => {
    if (settings.data) {
      form.setFieldsValue(valuesOf(settings.data));
    }
  }, [settings.data, form]);

  const save = async (values: SettingsValues) => {
    if (!areaCode) {
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const next = await setStarSettings(areaCode, {
        thresholdsHours: values.inheritThresholds ? null : values.thresholds.map((hours) => hours ?? 0),
        fiveStarNeedsApproval: values.approval === 'inherit' ? null : values.approval === 'yes',
      });
      settings.set(next);
      void message.success(t('common.saved'));
    } catch (caught) {
      setError(applyFieldErrors(form, caught, { thresholdsHours: 'thresholds' }) ? null : caught);
    } finally {
      setSaving(false);
    }
  };

  return (
    <ProCard
      bordered
      title={<h2 className="linli-card-title">{t('volunteerConsole.starLevels.settings')}</h2>}
      extra={
        areas.length > 1 ? (
          <Select
            aria-label={t('volunteerConsole.starLevels.area')}
            style={{ width: 260 }}
            value={areaCode}
            onChange={setAreaCode}
            options={areas.map((area) => ({ value: area.code, label: area.fullName }))}
          />
        ) : (
          areas[0]?.fullName
        )
      }
    >
      {areas.length === 0 ? (
        <Typography.Paragraph type="secondary">{t('volunteerConsole.starLevels.countyOnly')}</Typography.Paragraph>
      ) : null}
      <ErrorAlert error={settings.error ?? error} />
      {settings.data ? (
        <>
          <Typography.Paragraph type="secondary">
            {t('volunteerConsole.starLevels.effective', {
              hours: settings.data.effective.thresholdsHours.join(' / '),
              approval: settings.data.effective.fiveStarNeedsApproval
                ? t('volunteerConsole.starLevels.approvalYes')
                : t('volunteerConsole.starLevels.approvalNo'),
            })}
          </Typography.Paragraph>
          <Form<SettingsValues> form={form} layout="vertical" name="star-settings" onFinish={(v) => void save(v)}>
            <Form.Item
              name="inheritThresholds"
              label={t('volunteerConsole.starLevels.inheritThresholds')}
              valuePropName="checked"
            >
              <Switch />
            </Form.Item>
            <Form.Item
              name="thresholds"
              label={t('volunteerConsole.starLevels.thresholds')}
              extra={t('volunteerConsole.starLevels.thresholdsHint')}
            >
              <Space wrap>
                {[0, 1, 2, 3, 4].map((index) => (
                  <Form.Item
                    key={index}
                    name={['thresholds', index]}
                    noStyle
                    dependencies={index > 0 ? [['thresholds', index - 1]] : []}
                    rules={[
                      { required: !inherit, message: t('volunteerConsole.starLevels.thresholdRequired') },
                      ({ getFieldValue }) => ({
                        validator: (_rule, value: number | null) => {
                          const previous =
                            index > 0 ? (getFieldValue(['thresholds', index - 1]) as number | null) : null;
                          return inherit || value === null || previous === null || value > previous
                            ? Promise.resolve()
                            : Promise.reject(new Error(t('volunteerConsole.starLevels.order')));
                        },
                      }),
                    ]}
                  >
                    <InputNumber
                      min={1}
                      max={100000}
                      disabled={inherit}
                      addonBefore={t('volunteerConsole.stars.label', { count: index + 1 })}
                      addonAfter={t('volunteerConsole.starLevels.hoursUnit')}
                      aria-label={t('volunteerConsole.starLevels.thresholdOf', { count: index + 1 })}
                      style={{ width: 200 }}
                    />
                  </Form.Item>
                ))}
              </Space>
            </Form.Item>
            <Form.Item name="approval" label={t('volunteerConsole.starLevels.approval')}>
              <Radio.Group
                options={[
                  { value: 'inherit', label: t('volunteerConsole.starLevels.inherit') },
                  { value: 'yes', label: t('volunteerConsole.starLevels.approvalYes') },
                  { value: 'no', label: t('volunteerConsole.starLevels.approvalNo') },
                ]}
              />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={isSaving}>
              {t('common.save')}
            </Button>
          </Form>
        </>
      ) : null}
    </ProCard>
  );
}

/** 五星级审批: volunteers whose hours reached five stars where the area asks for approval. */
function FiveStarQueue() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queue = useLoaded((signal) => listFiveStarRequests(signal), 'five-star');
  const [busy, setBusy] = useState<string | null>(null);
  const decide = async (volunteer: VolunteerSummary, decision: 'approve' | 'reject') => {
    setBusy(`${decision}:${volunteer.id}`);
    try {
      await decideFiveStar(volunteer.id, decision);
      void message.success(
        t(decision === 'approve' ? 'volunteerConsole.starLevels.approved' : 'volunteerConsole.starLevels.declined', {
          name: volunteer.name,
        }),
      );
      queue.reload();
    } catch (caught) {
      void message.error(errorText(caught));
    } finally {
      setBusy(null);
    }
  };
  return (
    <ProCard bordered title={<h2 className="linli-card-title">{t('volunteerConsole.starLevels.queue')}</h2>}>
      <ErrorAlert error={queue.error} />
      <Table<VolunteerSummary>
        size="small"
        rowKey="id"
        pagination={false}
        loading={!queue.data && !queue.error}
        dataSource={queue.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('volunteerConsole.starLevels.queueEmpty') }}
        columns={[
          {
            title: t('volunteerConsole.volunteer.name'),
            key: 'name',
            render: (_v, row) => <Link to={`/volunteers/${row.id}`}>{row.name}</Link>,
          },
          { title: t('volunteerConsole.volunteer.homeArea'), dataIndex: 'areaFullName', key: 'area' },
          {
            title: t('volunteerConsole.volunteers.hours'),
            key: 'hours',
            align: 'right',
            render: (_v, row) => hoursOf(row.confirmedMinutes),
          },
          {
            title: t('volunteerConsole.volunteers.stars'),
            key: 'stars',
            render: (_v, row) => <StarText level={row.star.level} />,
          },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_v, row) => (
              <Space>
                <Popconfirm
                  title={t('volunteerConsole.starLevels.approveConfirm', { name: row.name })}
                  okText={t('common.confirm')}
                  cancelText={t('common.cancel')}
                  onConfirm={() => decide(row, 'approve')}
                >
                  <Button size="small" type="primary" loading={busy === `approve:${row.id}`}>
                    {t('volunteerConsole.starLevels.approve')}
                  </Button>
                </Popconfirm>
                <Popconfirm
                  title={t('volunteerConsole.starLevels.declineConfirm', { name: row.name })}
                  okText={t('common.confirm')}
                  cancelText={t('common.cancel')}
                  onConfirm={() => decide(row, 'reject')}
                >
                  <Button size="small" danger loading={busy === `reject:${row.id}`}>
                    {t('volunteerConsole.starLevels.decline')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
    </ProCard>
  );
}
