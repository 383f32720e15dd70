import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { AreaLevel } from '@linli/contract/areas';
import {
  type ReportFieldKind,
  type ReportTask,
  reportFieldKinds,
  type SendingAreas,
} from '@linli/contract/report-tasks';
import { Button, Card, DatePicker, Form, Input, InputNumber, Select, Space, Switch, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { chinaToday } from '../../../app/china-time';
import { applyFieldErrors } from '../../../app/form-errors';
import { ApiError } from '../../../app/request';
import { ErrorAlert } from '../../../components/error-alert';
import { createReportTask, getSendingAreas, listAddresseeChoices, listAddressees, updateReportTask } from '../api';

type FieldValues = {
  id?: string;
  kind: ReportFieldKind;
  label: string;
  help?: string;
  isRequired: boolean;
  options?: string[];
  unit?: string;
};

type TaskValues = {
  area?: string;
  title: string;
  instructions?: string;
  deadline?: Dayjs;
  remindDaysBefore: number;
  addresseeLevel?: AreaLevel;
  allChildren: boolean;
  within?: string;
  addresseeCodes?: string[];
  fields: FieldValues[];
};

type Choice = { value: string; label: string };

const areaKey = (a: { code: string; level: string }) => `${a.level}:${a.code}`;
const isChoice = (kind: ReportFieldKind | undefined) => kind === 'singleChoice' || kind === 'multipleChoice';

function initialOf(task: ReportTask | undefined): TaskValues {
  if (!task) {
    return { title: '', remindDaysBefore: 3, allChildren: true, fields: [] };
  }
  return {
    area: areaKey({ code: task.areaCode, level: task.areaLevel }),
    title: task.title,
    instructions: task.instructions,
    deadline: dayjs(task.deadline),
    remindDaysBefore: task.remindDaysBefore,
    addresseeLevel: task.addresseeLevel,
    allChildren: task.allChildren,
    fields: task.fields.map((f) => ({
      id: f.id,
      kind: f.kind,
      label: f.label,
      help: f.help ?? '',
      isRequired: f.isRequired,
      options: f.options,
      unit: f.unit ?? '',
    })),
  };
}

/** The chosen addressees of a draft (at most 1000), read page by page from the status table. */
async function chosenOf(task: ReportTask, signal: AbortSignal): Promise<Choice[]> {
  const choices: Choice[] = [];
  let after: string | undefined;
  do {
    const page = await listAddressees(task.id, { limit: 200, ...(after ? { after } : {}) }, signal);
    choices.push(...page.items.map((a) => ({ value: a.areaCode, label: choiceLabel(a.areaName, a.parentName) })));
    after = page.next ?? undefined;
  } while (after);
  return choices;
}

const choiceLabel = (name: string, parentName: string | null) => (parentName ? `${parentName} / ${name}` : name);

/**
 * The new / edit form of a draft task: sending area, title, instructions, deadline, reminder lead,
 * addressees — the level (the child areas by default, or deeper: a city's townships or
 * communities), then every area of it in the jurisdiction or chosen ones through a searching
 * picker, optionally narrowed to one child area — and the form builder. The template file is
 * attached on the task's page once the draft exists.
 */
export function TaskForm({ task, onSaved }: { task?: ReportTask; onSaved: (task: ReportTask) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<TaskValues>();
  const [areas, setAreas] = useState<SendingAreas['items']>([]);
  const [error, setError] = useState<unknown>(null);
  const [isSaving, setSaving] = useState(false);
  const chosenArea = Form.useWatch('area', form);
  const allChildren = Form.useWatch('allChildren', form);
  const addresseeLevel = Form.useWatch('addresseeLevel', form);
  const within = Form.useWatch('within', form);
  const [search, setSearch] = useState('');
  const [choices, setChoices] = useState<Choice[]>([]);
  const [picked, setPicked] = useState<Choice[]>([]);

  useEffect(() => {
    const controller = new AbortController();
    getSendingAreas(controller.signal).then(
      (list) => {
        setAreas(list.items);
        if (!task && list.items.length === 1) {
          form.setFieldValue('area', areaKey(list.items[0]!));
        }
      },
      (caught: unknown) => {
        if (!controller.signal.aborted) {
          setError(caught);
        }
      },
    );
    return () => controller.abort();
  }, [form, task]);

  const sending = areas.find((a) => areaKey(a) === chosenArea);
  const level = sending?.levels.find((l) => l.level === addresseeLevel) ?? sending?.levels[0];
  const isDeeper = Boolean(sending && level && level.level !== sending.levels[0]?.level);

  // the addressee level defaults to one level down once the sending area is known
  useEffect(() => {
    if (sending && !form.getFieldValue('addresseeLevel')) {
      form.setFieldValue('addresseeLevel', sending.levels[0]?.level);
    }
  }, [form, sending]);

  // a draft's chosen areas, with their names, for the picker
  useEffect(() => {
    if (!task || task.allChildren) {
      return;
    }
    const controller = new AbortController();
    chosenOf(task, controller.signal).then(
      (chosen) => {
        setPicked(chosen);
        form.setFieldValue(
          'addresseeCodes',
          chosen.map((c) => c.value),
        );
      },
      (caught: unknown) => {
        if (!controller.signal.aborted) {
          setError(caught);
        }
      },
    );
    return () => controller.abort();
  }, [form, task]);

  // the picker's choices: areas of the level in the sending area (within one child area), by name
  useEffect(() => {
    if (!sending || !level || allChildren !== false) {
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      listAddresseeChoices(
        {
          areaCode: sending.code,
          areaLevel: sending.level,
          level: level.level,
          ...(within ? { within } : {}),
          ...(search.trim() ? { q: search.trim() } : {}),
          limit: 100,
        },
        controller.signal,
      ).then(
        (list) => setChoices(list.items.map((a) => ({ value: a.code, label: choiceLabel(a.name, a.parentName) }))),
        (caught: unknown) => {
          if (!controller.signal.aborted) {
            setError(caught);
          }
        },
      );
    }, 250);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [sending, level, within, search, allChildren]);

  const levelName = (l: AreaLevel) => t(`reportTasks.addresseeLevels.${l}`);
  const options = [...picked, ...choices.filter((c) => !picked.some((p) => p.value === c.value))];

  const finish = async (values: TaskValues) => {
    setError(null);
    setSaving(true);
    const [level, code] = (values.area ?? '').split(':');
    const body = {
      title: values.title.trim(),
      instructions: (values.instructions ?? '').trim(),
      deadline: values.deadline!.format('YYYY-MM-DD'),
      remindDaysBefore: values.remindDaysBefore,
      ...(values.addresseeLevel ? { addresseeLevel: values.addresseeLevel } : {}),
      allChildren: values.allChildren,
      addresseeCodes: values.allChildren ? [] : (values.addresseeCodes ?? []),
      ...(code && level ? { areaCode: code, areaLevel: level as ReportTask['areaLevel'] } : {}),
      fields: (values.fields ?? []).map((f) => ({
        ...(f.id ? { id: f.id } : {}),
        kind: f.kind,
        label: f.label.trim(),
        help: f.help?.trim() || undefined,
        isRequired: f.isRequired ?? false,
        options: isChoice(f.kind) ? (f.options ?? []).map((o) => o.trim()).filter(Boolean) : undefined,
        unit: f.kind === 'number' ? f.unit?.trim() || undefined : undefined,
      })),
    };
    try {
      onSaved(task ? await updateReportTask(task.id, body) : await createReportTask(body));
    } catch (caught) {
      // a chosen area's error (`addresseeCodes.3`) goes next to the picker
      const rename: Record<string, string> = { areaCode: 'area' };
      for (const f of caught instanceof ApiError ? caught.fields : []) {
        if (f.path.startsWith('addresseeCodes.')) {
          rename[f.path] = 'addresseeCodes';
        }
      }
      setError(applyFieldErrors(form, caught, rename) ? null : caught);
    } finally {
      setSaving(false);
    }
  };

  const required = (label: string) => ({ required: true, whitespace: true, message: t('common.required', { label }) });

  return (
    <Form<TaskValues>
      name="report-task"
      form={form}
      layout="vertical"
      initialValues={initialOf(task)}
      onFinish={(values) => void finish(values)}
      scrollToFirstError
      style={{ maxWidth: 860 }}
    >
      <ErrorAlert error={error} />
      <Form.Item
        name="area"
        label={t('reportTasks.form.area')}
        rules={[{ required: true, message: t('common.required', { label: t('reportTasks.form.area') }) }]}
      >
        <Select
          disabled={Boolean(task)}
          onChange={() => {
            // another sending area offers other levels and areas: start the addressees afresh
            form.setFieldsValue({ addresseeLevel: undefined, addresseeCodes: [], within: undefined });
            setPicked([]);
          }}
          options={areas.map((a) => ({ value: areaKey(a), label: a.name }))}
          notFoundContent={t('reportTasks.form.noAreas')}
        />
      </Form.Item>
      <Form.Item
        name="title"
        label={t('reportTasks.form.title')}
        rules={[required(t('reportTasks.form.title')), { min: 2 }]}
      >
        <Input maxLength={100} showCount />
      </Form.Item>
      <Form.Item name="instructions" label={t('reportTasks.form.instructions')}>
        <Input.TextArea maxLength={5000} showCount autoSize={{ minRows: 3, maxRows: 10 }} />
      </Form.Item>
      <Space size="large" wrap align="start">
        <Form.Item
          name="deadline"
          label={t('reportTasks.form.deadline')}
          extra={t('reportTasks.form.deadlineHint')}
          rules={[{ required: true, message: t('common.required', { label: t('reportTasks.form.deadline') }) }]}
        >
          <DatePicker disabledDate={(d) => d.format('YYYY-MM-DD') < chinaToday()} />
        </Form.Item>
        <Form.Item name="remindDaysBefore" label={t('reportTasks.form.remindDaysBefore')}>
          <InputNumber min={1} max={30} addonAfter={t('reportTasks.form.days')} style={{ width: 160 }} />
        </Form.Item>
      </Space>
      <Space size="large" wrap align="start">
        <Form.Item
          name="addresseeLevel"
          label={t('reportTasks.form.addresseeLevel')}
          extra={t('reportTasks.form.addresseeLevelHint')}
        >
          <Select
            style={{ width: 240 }}
            onChange={() => {
              form.setFieldsValue({ addresseeCodes: [], within: undefined });
              setPicked([]);
            }}
            options={(sending?.levels ?? []).map((l) => ({
              value: l.level,
              label: t('reportTasks.form.levelOption', { level: levelName(l.level), count: l.count }),
            }))}
          />
        </Form.Item>
        <Form.Item name="allChildren" label={t('reportTasks.form.addressees')} valuePropName="checked">
          <Switch
            checkedChildren={t('reportTasks.form.allChildren')}
            unCheckedChildren={t('reportTasks.form.someChildren')}
          />
        </Form.Item>
      </Space>
      {allChildren === false ? (
        <>
          {isDeeper ? (
            <Form.Item name="within" label={t('reportTasks.form.within')}>
              <Select
                allowClear
                showSearch
                optionFilterProp="label"
                style={{ width: 240 }}
                placeholder={t('reportTasks.form.withinPlaceholder')}
                options={(sending?.children ?? []).map((c) => ({ value: c.code, label: c.name }))}
              />
            </Form.Item>
          ) : null}
          <Form.Item
            name="addresseeCodes"
            label={t('reportTasks.form.chooseAddressees')}
            extra={t('reportTasks.form.chooseHint', { level: level ? levelName(level.level) : '' })}
            rules={[{ required: true, message: t('reportTasks.form.addresseesRequired') }]}
          >
            <Select
              mode="multiple"
              showSearch
              filterOption={false}
              onSearch={setSearch}
              onChange={(_codes: string[], selected) => {
                setPicked((Array.isArray(selected) ? selected : [selected]).filter((o): o is Choice => Boolean(o)));
              }}
              options={options}
              notFoundContent={t('reportTasks.form.noChoices')}
              placeholder={t('reportTasks.form.searchAreas')}
            />
          </Form.Item>
        </>
      ) : sending && level ? (
        <Typography.Paragraph type="secondary">
          {t('reportTasks.form.allChildrenHint', { count: level.count, level: levelName(level.level) })}
        </Typography.Paragraph>
      ) : null}

      <Typography.Title level={2} className="linli-section-title">
        {t('reportTasks.form.fields')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('reportTasks.form.fieldsHint')}</Typography.Paragraph>
      <Form.List name="fields">
        {(items, { add, remove, move }) => (
          <Space direction="vertical" style={{ width: '100%' }}>
            {items.map((item, index) => (
              <Card
                key={item.key}
                size="small"
                title={t('reportTasks.form.fieldNumber', { number: index + 1 })}
                extra={
                  <Space>
                    <Button
                      size="small"
                      icon={<ArrowUpOutlined aria-hidden />}
                      aria-label={t('reportTasks.form.moveUp', { number: index + 1 })}
                      disabled={index === 0}
                      onClick={() => move(index, index - 1)}
                    />
                    <Button
                      size="small"
                      icon={<ArrowDownOutlined aria-hidden />}
                      aria-label={t('reportTasks.form.moveDown', { number: index + 1 })}
                      disabled={index === items.length - 1}
                      onClick={() => move(index, index + 1)}
                    />
                    <Button
                      size="small"
                      danger
                      icon={<DeleteOutlined aria-hidden />}
                      aria-label={t('reportTasks.form.removeField', { number: index + 1 })}
                      onClick={() => remove(item.name)}
                    />
                  </Space>
                }
              >
                <Space size="middle" wrap align="start">
                  <Form.Item name={[item.name, 'kind']} label={t('reportTasks.form.kind')} rules={[{ required: true }]}>
                    <Select
                      style={{ width: 160 }}
                      options={reportFieldKinds.map((kind) => ({
                        value: kind,
                        label: t(`reportTasks.fieldKind.${kind}`),
                      }))}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[item.name, 'label']}
                    label={t('reportTasks.form.label')}
                    rules={[required(t('reportTasks.form.label'))]}
                  >
                    <Input maxLength={100} style={{ width: 320 }} />
                  </Form.Item>
                  <Form.Item
                    name={[item.name, 'isRequired']}
                    label={t('reportTasks.form.isRequired')}
                    valuePropName="checked"
                  >
                    <Switch />
                  </Form.Item>
                </Space>
                <Form.Item noStyle shouldUpdate>
                  {() => {
                    const kind = form.getFieldValue(['fields', item.name, 'kind']) as ReportFieldKind | undefined;
                    if (isChoice(kind)) {
                      return (
                        <Form.Item
                          name={[item.name, 'options']}
                          label={t('reportTasks.form.options')}
                          extra={t('reportTasks.form.optionsHint')}
                          getValueProps={(value: string[] | undefined) => ({ value: (value ?? []).join('\n') })}
                          normalize={(value: string) => value.split('\n')}
                        >
                          <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} />
                        </Form.Item>
                      );
                    }
                    if (kind === 'number') {
                      return (
                        <Form.Item name={[item.name, 'unit']} label={t('reportTasks.form.unit')}>
                          <Input
                            maxLength={20}
                            style={{ width: 160 }}
                            placeholder={t('reportTasks.form.unitPlaceholder')}
                          />
                        </Form.Item>
                      );
                    }
                    return null;
                  }}
                </Form.Item>
                <Form.Item name={[item.name, 'help']} label={t('reportTasks.form.help')}>
                  <Input maxLength={300} />
                </Form.Item>
              </Card>
            ))}
            <Space wrap role="group" aria-label={t('reportTasks.form.addField')}>
              {reportFieldKinds.map((kind) => (
                <Button
                  key={kind}
                  icon={<PlusOutlined aria-hidden />}
                  onClick={() => add({ kind, label: '', isRequired: false })}
                >
                  {t(`reportTasks.fieldKind.${kind}`)}
                </Button>
              ))}
            </Space>
          </Space>
        )}
      </Form.List>
      <Form.Item style={{ marginTop: 24 }}>
        <Button type="primary" htmlType="submit" loading={isSaving}>
          {t('reportTasks.form.saveDraft')}
        </Button>
      </Form.Item>
    </Form>
  );
}
