import type { Plan, TargetChildProgress, TargetProgress, TargetStatus } from '@linli/contract/statistics';
import { App, Button, Card, Empty, Flex, Form, InputNumber, Modal, Spin, Table, Tag, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { errorText } from '../../../app/error-text';
import { ErrorAlert } from '../../../components/error-alert';
import { listPlans, updatePlan } from '../api';
import { formatValue, metricLabel } from './figure-panel';

const statusColor: Record<TargetStatus, string> = {
  met: 'green',
  onTrack: 'gold',
  lagging: 'red',
  noData: 'default',
  noValue: 'default',
};
const statusOrder: Record<TargetStatus, number> = { lagging: 0, onTrack: 1, met: 2, noValue: 3, noData: 4 };

/** A traffic light that says its state in words too (colour is never the only cue). */
export function StatusLight({ status }: { status: TargetStatus }) {
  const { t } = useTranslation();
  const dot = status === 'met' ? '●' : status === 'onTrack' ? '◐' : status === 'lagging' ? '○' : '–';
  return (
    <Tag color={statusColor[status]}>
      <span aria-hidden>{dot} </span>
      {t(`statistics.targetStatus.${status}`)}
    </Tag>
  );
}

function targetText(t: TFunction, target: TargetProgress): string {
  if (target.target === null) {
    return t('statistics.blank');
  }
  return t(`statistics.comparator.${target.comparator}`, { value: formatValue(t, target.target, target.unit) });
}

/** The children of a target: sortable, lagging first, each a link into its own dashboard. */
function ChildProgress({ target }: { target: TargetProgress }) {
  const { t } = useTranslation();
  return (
    <Table<TargetChildProgress>
      size="small"
      rowKey="code"
      aria-label={t('statistics.childProgress', { metric: metricLabel(t, target.metric) })}
      pagination={target.children.length > 15 ? { pageSize: 15, showSizeChanger: false } : false}
      dataSource={target.children}
      columns={[
        {
          title: t('statistics.childArea'),
          dataIndex: 'name',
          key: 'name',
          sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN'),
          render: (_v, row) => <Link to={`/statistics?area=${row.code}`}>{row.name}</Link>,
        },
        {
          title: t('statistics.value'),
          dataIndex: 'value',
          key: 'value',
          align: 'right',
          sorter: (a, b) => (a.value ?? -1) - (b.value ?? -1),
          render: (_v, row) => formatValue(t, row.value, target.unit, target.hasSource),
        },
        {
          title: t('statistics.status'),
          dataIndex: 'status',
          key: 'status',
          defaultSortOrder: 'ascend',
          sorter: (a, b) => statusOrder[a.status] - statusOrder[b.status],
          render: (_v, row) => <StatusLight status={row.status} />,
        },
      ]}
    />
  );
}

/** Officers fill in a plan's blanks (□) or change its values; the server checks and audits. */
function EditValues({ plan, onSaved }: { plan: Plan; onSaved: (plan: Plan) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<Record<string, number | null>>();
  const save = async (values: Record<string, number | null>) => {
    setSaving(true);
    try {
      const saved = await updatePlan(plan.id, {
        title: plan.title,
        areaCode: plan.areaCode,
        startsOn: plan.startsOn,
        endsOn: plan.endsOn,
        targets: plan.targets.map((target) => ({
          metric: target.metric as never,
          areaCode: target.areaCode,
          eachChild: target.eachChild,
          comparator: target.comparator,
          value: values[target.id] ?? null,
          deadline: target.deadline,
          note: target.note,
        })),
      });
      onSaved(saved);
      setOpen(false);
      void message.success(t('statistics.saved'));
    } catch (error) {
      void message.error(errorText(error));
    } finally {
      setSaving(false);
    }
  };
  return (
    <>
      <Button onClick={() => setOpen(true)}>{t('statistics.editValues')}</Button>
      <Modal
        open={open}
        title={t('statistics.editValuesTitle', { plan: plan.title })}
        okText={t('statistics.saveValues')}
        confirmLoading={saving}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          initialValues={Object.fromEntries(plan.targets.map((target) => [target.id, target.target]))}
          onFinish={save}
        >
          {plan.targets.map((target) => (
            <Form.Item
              key={target.id}
              name={target.id}
              label={`${metricLabel(t, target.metric)} · ${target.areaName}${target.eachChild ? t('statistics.eachChild') : ''}`}
              extra={target.note}
            >
              <InputNumber<number> min={0} style={{ width: 200 }} placeholder={t('statistics.blank')} />
            </Form.Item>
          ))}
        </Form>
      </Modal>
    </>
  );
}

function PlanCard({ plan, onSaved }: { plan: Plan; onSaved: (plan: Plan) => void }) {
  const { t } = useTranslation();
  const titleId = useId();
  return (
    <Card
      size="small"
      title={
        <h3 className="linli-card-title" id={titleId}>
          {plan.title}
        </h3>
      }
      extra={plan.canManage ? <EditValues plan={plan} onSaved={onSaved} /> : null}
    >
      <Typography.Paragraph type="secondary">
        {t('statistics.planMeta', { area: plan.areaName, from: plan.startsOn, to: plan.endsOn })}
      </Typography.Paragraph>
      <Table<TargetProgress>
        aria-labelledby={titleId}
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={plan.targets}
        expandable={{
          // a target's `children` are its child areas' progress, shown in the expanded row — not tree rows
          childrenColumnName: 'treeRows',
          rowExpandable: (row) => row.children.length > 0 && row.hasSource,
          expandedRowRender: (row) => <ChildProgress target={row} />,
          expandRowByClick: false,
        }}
        columns={[
          {
            title: t('statistics.metric'),
            key: 'metric',
            render: (_v, row) => (
              <>
                {metricLabel(t, row.metric)}
                {row.eachChild ? <Typography.Text type="secondary">{t('statistics.eachChild')}</Typography.Text> : null}
                {row.note ? (
                  <Typography.Paragraph type="secondary" style={{ margin: 0, fontSize: 12 }}>
                    {row.note}
                  </Typography.Paragraph>
                ) : null}
              </>
            ),
          },
          { title: t('statistics.area'), dataIndex: 'areaName', key: 'area' },
          { title: t('statistics.target'), key: 'target', render: (_v, row) => targetText(t, row) },
          {
            title: t('statistics.value'),
            key: 'value',
            align: 'right',
            render: (_v, row) => formatValue(t, row.value, row.unit, row.hasSource),
          },
          { title: t('statistics.deadline'), dataIndex: 'deadline', key: 'deadline' },
          {
            title: t('statistics.elapsed'),
            key: 'elapsed',
            align: 'right',
            render: (_v, row) => `${Math.round(row.elapsed * 100)}%`,
          },
          {
            title: t('statistics.status'),
            key: 'status',
            sorter: (a, b) => statusOrder[a.status] - statusOrder[b.status],
            render: (_v, row) => (
              <Flex vertical gap={2} align="start">
                <StatusLight status={row.status} />
                {!row.hasSource ? (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('statistics.noSourceExplained')}
                  </Typography.Text>
                ) : null}
              </Flex>
            ),
          },
        ]}
      />
    </Card>
  );
}

/** 规划目标: the plans issued for this area and below, with a traffic light per target and child area. */
export function TargetsPanel({ areaCode }: { areaCode: string }) {
  const { t } = useTranslation();
  const [plans, setPlans] = useState<Plan[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    const controller = new AbortController();
    setPlans(null);
    setError(null);
    listPlans(areaCode, controller.signal).then(
      (list) => setPlans(list.items),
      (caught: unknown) => {
        if (!controller.signal.aborted) {
          setError(caught);
        }
      },
    );
    return () => controller.abort();
  }, [areaCode]);
  return (
    <Spin spinning={!plans && !error}>
      <ErrorAlert error={error} />
      {plans && plans.length === 0 ? <Empty description={t('statistics.noPlans')} /> : null}
      <Flex vertical gap="middle">
        {(plans ?? []).map((plan) => (
          <PlanCard
            key={plan.id}
            plan={plan}
            onSaved={(saved) => setPlans((all) => (all ?? []).map((p) => (p.id === saved.id ? saved : p)))}
          />
        ))}
      </Flex>
    </Spin>
  );
}
