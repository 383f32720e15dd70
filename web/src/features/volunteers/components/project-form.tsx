import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import type { ActivityField } from '@linli/contract/activities';
import type { VolunteerSkill } from '@linli/contract/volunteers';
import { Button, Card, DatePicker, Form, Input, InputNumber, Select, Space, TimePicker, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors } from '../../../app/form-errors';
import { ErrorAlert } from '../../../components/error-alert';
import { createProject, listOrgActivities, type Project, updateProject } from '../api';
import { useOwnOrgs } from './use-own-orgs';
import { fieldChoices, shiftLabel, skillChoices } from './volunteer-options';

type RoleValues = { name: string; description?: string; places: number };
type ShiftValues = { date?: Dayjs | null; startTime?: Dayjs | null; endTime?: Dayjs | null };
type ProjectValues = {
  orgId?: string;
  title: string;
  description: string;
  serviceContent: string;
  field?: ActivityField;
  address: string;
  minAge?: number | null;
  maxAge?: number | null;
  requiredSkills: VolunteerSkill[];
  activityId?: string | null;
  roles: RoleValues[];
  shifts: ShiftValues[];
};

function initialOf(project: Project | undefined): Partial<ProjectValues> {
  if (!project) {
    const day = dayjs().add(7, 'day').startOf('day');
    return {
      requiredSkills: [],
      activityId: null,
      roles: [{ name: '', description: '', places: 10 }],
      shifts: [{ date: day, startTime: day.hour(9), endTime: day.hour(12) }],
    };
  }
  return {
    orgId: project.orgId,
    title: project.title,
    description: project.description,
    serviceContent: project.serviceContent,
    field: project.field,
    address: project.address,
    minAge: project.minAge,
    maxAge: project.maxAge,
    requiredSkills: project.requiredSkills,
    activityId: project.activityId,
  };
}

/** The server names list items `roles.0.name`; the form's own names hold numbers. */
function listRenames(counts: { roles: number; shifts: number }): Record<string, (string | number)[]> {
  const renames: Record<string, (string | number)[]> = {};
  for (const [list, fields] of [
    ['roles', ['name', 'description', 'places']],
    ['shifts', ['date', 'startTime', 'endTime']],
  ] as const) {
    for (let index = 0; index < counts[list]; index += 1) {
      for (const field of fields) {
        renames[`${list}.${index}.${field}`] = [list, index, field];
      }
    }
  }
  return renames;
}

type ProjectFormProps = {
  /** absent: post a new project (a draft); present: edit this draft */
  project?: Project;
  onSaved: (project: Project) => void;
  onCancel: () => void;
};

/**
 * 发布志愿服务项目: what the volunteers do, where, who may serve (age, skills), its roles with their
 * places and its shifts (China time; an end at or before the start is the next day). Saved as a
 * draft; roles and shifts of a saved project change on its page (places per shift and role).
 */
export function ProjectForm({ project, onSaved, onCancel }: ProjectFormProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ProjectValues>();
  const ownOrgs = useOwnOrgs();
  const [error, setError] = useState<unknown>(null);
  const [isSaving, setSaving] = useState(false);
  const orgId = Form.useWatch('orgId', form) ?? project?.orgId;
  const [activities, setActivities] = useState<{ value: string; label: string }[]>([]);

  useEffect(() => {
    if (ownOrgs.length === 1 && !project && !form.getFieldValue('orgId')) {
      form.setFieldValue('orgId', ownOrgs[0]!.id);
    }
  }, [ownOrgs, project, form]);

  useEffect(() => {
    if (!orgId) {
      setActivities([]);
      return;
    }
    const controller = new AbortController();
    listOrgActivities(orgId, controller.signal).then(
      (page) =>
        setActivities(
          page.items
            .filter((activity) => activity.status !== 'cancelled')
            .map((activity) => ({ value: activity.id, label: activity.title })),
        ),
      () => setActivities([]),
    );
    return () => controller.abort();
  }, [orgId]);

  const finish = async (values: ProjectValues) => {
    setError(null);
    setSaving(true);
    const fields = {
      title: values.title.trim(),
      description: values.description.trim(),
      serviceContent: values.serviceContent.trim(),
      field: values.field!,
      address: values.address.trim(),
      minAge: values.minAge ?? null,
      maxAge: values.maxAge ?? null,
      requiredSkills: values.requiredSkills ?? [],
      activityId: values.activityId ?? null,
    };
    try {
      const saved = project
        ? await updateProject(project.id, fields)
        : await createProject({
            ...fields,
            orgId: values.orgId!,
            roles: values.roles.map((role) => ({
              name: role.name.trim(),
              description: (role.description ?? '').trim(),
              places: role.places,
            })),
            shifts: values.shifts.map((shift) => ({
              date: shift.date!.format('YYYY-MM-DD'),
              startTime: shift.startTime!.format('HH:mm'),
              endTime: shift.endTime!.format('HH:mm'),
            })),
          });
      onSaved(saved);
    } catch (caught) {
      const renames = listRenames({ roles: values.roles?.length ?? 0, shifts: values.shifts?.length ?? 0 });
      setError(applyFieldErrors(form, caught, renames) ? null : caught);
    } finally {
      setSaving(false);
    }
  };

  const required = (label: string) => ({ required: true, whitespace: true, message: t('common.required', { label }) });

  return (
    <Form<ProjectValues>
      name="volunteer-project"
      form={form}
      layout="vertical"
      initialValues={initialOf(project)}
      onFinish={(values) => void finish(values)}
      scrollToFirstError
      style={{ maxWidth: 820 }}
    >
      <ErrorAlert error={error} />
      {project ? null : (
        <Form.Item
          name="orgId"
          label={t('volunteerConsole.project.org')}
          rules={[{ required: true, message: t('volunteerConsole.form.orgRequired') }]}
        >
          <Select
            options={ownOrgs.map((org) => ({ value: org.id, label: org.name }))}
            notFoundContent={t('volunteerConsole.form.noOwnOrgs')}
          />
        </Form.Item>
      )}
      <Form.Item
        name="title"
        label={t('volunteerConsole.project.title')}
        rules={[required(t('volunteerConsole.project.title')), { min: 2 }]}
      >
        <Input maxLength={100} showCount />
      </Form.Item>
      <Form.Item
        name="description"
        label={t('volunteerConsole.project.description')}
        rules={[required(t('volunteerConsole.project.description')), { min: 2 }]}
      >
        <Input.TextArea maxLength={5000} showCount autoSize={{ minRows: 3, maxRows: 10 }} />
      </Form.Item>
      <Form.Item
        name="serviceContent"
        label={t('volunteerConsole.project.serviceContent')}
        extra={t('volunteerConsole.form.serviceContentHint')}
        rules={[required(t('volunteerConsole.project.serviceContent')), { min: 2 }]}
      >
        <Input maxLength={500} showCount />
      </Form.Item>
      <Space size="large" wrap align="start">
        <Form.Item
          name="field"
          label={t('volunteerConsole.project.field')}
          rules={[{ required: true, message: t('common.required', { label: t('volunteerConsole.project.field') }) }]}
        >
          <Select
            style={{ width: 220 }}
            options={fieldChoices.map((value) => ({ value, label: t(`activities.field.${value}`) }))}
          />
        </Form.Item>
        <Form.Item name="activityId" label={t('volunteerConsole.project.activity')}>
          <Select
            style={{ width: 300 }}
            allowClear
            placeholder={t('volunteerConsole.form.noActivity')}
            options={activities}
            notFoundContent={t('volunteerConsole.form.noActivities')}
          />
        </Form.Item>
      </Space>
      <Form.Item
        name="address"
        label={t('volunteerConsole.project.address')}
        rules={[required(t('volunteerConsole.project.address')), { min: 2 }]}
      >
        <Input maxLength={200} />
      </Form.Item>
      <Space size="large" wrap align="start">
        <Form.Item name="minAge" label={t('volunteerConsole.project.minAge')}>
          <InputNumber min={0} max={120} style={{ width: 120 }} />
        </Form.Item>
        <Form.Item
          name="maxAge"
          label={t('volunteerConsole.project.maxAge')}
          dependencies={['minAge']}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_rule, value: number | null | undefined) => {
                const min = getFieldValue('minAge') as number | null | undefined;
                return value === null || value === undefined || min === null || min === undefined || value >= min
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('volunteerConsole.form.agesOrder')));
              },
            }),
          ]}
        >
          <InputNumber min={0} max={120} style={{ width: 120 }} />
        </Form.Item>
        <Form.Item name="requiredSkills" label={t('volunteerConsole.project.requiredSkills')}>
          <Select
            mode="multiple"
            style={{ minWidth: 320 }}
            options={skillChoices.map((value) => ({ value, label: t(`volunteers.skill.${value}`) }))}
          />
        </Form.Item>
      </Space>
      {project ? (
        <Typography.Paragraph type="secondary">
          {t('volunteerConsole.form.rolesAndShiftsOnPage', {
            roles: project.roles.map((role) => `${role.name}（${role.places}）`).join('、'),
            shifts: project.shifts.map(shiftLabel).join('；'),
          })}
        </Typography.Paragraph>
      ) : (
        <>
          <RolesList />
          <ShiftsList />
        </>
      )}
      <Space>
        <Button type="primary" htmlType="submit" loading={isSaving}>
          {t('volunteerConsole.form.saveDraft')}
        </Button>
        <Button onClick={onCancel}>{t('common.cancel')}</Button>
      </Space>
    </Form>
  );
}

function RolesList() {
  const { t } = useTranslation();
  return (
    <Card size="small" title={<h2 className="linli-card-title">{t('volunteerConsole.form.roles')}</h2>}>
      <Form.List name="roles">
        {(items, { add, remove }) => (
          <>
            {items.map((item, index) => (
              <fieldset key={item.key} className="linli-fieldset">
                <legend>{t('volunteerConsole.form.roleN', { n: index + 1 })}</legend>
                <Space wrap align="start">
                  <Form.Item
                    name={[item.name, 'name']}
                    label={t('volunteerConsole.form.roleName')}
                    rules={[
                      {
                        required: true,
                        whitespace: true,
                        message: t('common.required', { label: t('volunteerConsole.form.roleName') }),
                      },
                    ]}
                  >
                    <Input maxLength={40} style={{ width: 180 }} />
                  </Form.Item>
                  <Form.Item
                    name={[item.name, 'places']}
                    label={t('volunteerConsole.form.places')}
                    rules={[{ required: true }]}
                  >
                    <InputNumber min={1} max={10000} style={{ width: 110 }} />
                  </Form.Item>
                  <Form.Item name={[item.name, 'description']} label={t('volunteerConsole.form.roleDescription')}>
                    <Input maxLength={500} style={{ width: 280 }} />
                  </Form.Item>
                  {items.length > 1 ? (
                    <Button
                      type="text"
                      danger
                      icon={<MinusCircleOutlined aria-hidden />}
                      aria-label={t('volunteerConsole.form.removeRole', { n: index + 1 })}
                      onClick={() => remove(item.name)}
                      style={{ marginTop: 30 }}
                    />
                  ) : null}
                </Space>
              </fieldset>
            ))}
            {items.length < 20 ? (
              <Button icon={<PlusOutlined aria-hidden />} onClick={() => add({ name: '', description: '', places: 5 })}>
                {t('volunteerConsole.form.addRole')}
              </Button>
            ) : null}
          </>
        )}
      </Form.List>
    </Card>
  );
}

function ShiftsList() {
  const { t } = useTranslation();
  return (
    <Card
      size="small"
      title={<h2 className="linli-card-title">{t('volunteerConsole.form.shifts')}</h2>}
      extra={<Typography.Text type="secondary">{t('volunteerConsole.form.chinaTime')}</Typography.Text>}
      style={{ margin: '16px 0' }}
    >
      <Form.List name="shifts">
        {(items, { add, remove }) => (
          <>
            {items.map((item, index) => (
              <fieldset key={item.key} className="linli-fieldset">
                <legend>{t('volunteerConsole.form.shiftN', { n: index + 1 })}</legend>
                <Space wrap align="start">
                  <Form.Item
                    name={[item.name, 'date']}
                    label={t('volunteerConsole.form.shiftDate')}
                    rules={[
                      {
                        required: true,
                        message: t('common.required', { label: t('volunteerConsole.form.shiftDate') }),
                      },
                    ]}
                  >
                    <DatePicker format="YYYY-MM-DD" style={{ width: 160 }} />
                  </Form.Item>
                  <Form.Item
                    name={[item.name, 'startTime']}
                    label={t('volunteerConsole.form.startTime')}
                    rules={[
                      {
                        required: true,
                        message: t('common.required', { label: t('volunteerConsole.form.startTime') }),
                      },
                    ]}
                  >
                    <TimePicker format="HH:mm" minuteStep={5} style={{ width: 120 }} />
                  </Form.Item>
                  <Form.Item
                    name={[item.name, 'endTime']}
                    label={t('volunteerConsole.form.endTime')}
                    rules={[
                      { required: true, message: t('common.required', { label: t('volunteerConsole.form.endTime') }) },
                    ]}
                  >
                    <TimePicker format="HH:mm" minuteStep={5} style={{ width: 120 }} />
                  </Form.Item>
                  {items.length > 1 ? (
                    <Button
                      type="text"
                      danger
                      icon={<MinusCircleOutlined aria-hidden />}
                      aria-label={t('volunteerConsole.form.removeShift', { n: index + 1 })}
                      onClick={() => remove(item.name)}
                      style={{ marginTop: 30 }}
                    />
                  ) : null}
                </Space>
              </fieldset>
            ))}
            <Button icon={<PlusOutlined aria-hidden />} onClick={() => add({})}>
              {t('volunteerConsole.form.addShift')}
            </Button>
          </>
        )}
      </Form.List>
    </Card>
  );
}
