import {
  ArrowLeftOutlined,
  EditOutlined,
  PlusOutlined,
  QrcodeOutlined,
  SendOutlined,
  StopOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { ModalForm } from '@ant-design/pro-components';
import {
  App,
  Button,
  DatePicker,
  Descriptions,
  Form,
  InputNumber,
  Popconfirm,
  Space,
  Table,
  Tabs,
  TimePicker,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useAccess } from '../../../app/access';
import { errorText } from '../../../app/error-text';
import { ApiError } from '../../../app/request';
import { LoadingPage, NotFoundPage } from '../../../app/status-pages';
import { ErrorAlert } from '../../../components/error-alert';
import { Page } from '../../../components/page';
import { useLoaded } from '../../../components/use-loaded';
import { addShifts, getProject, type Project, setPlaces, setProjectStatus } from '../api';
import { RecordsTable } from '../components/records-table';
import { ProjectStatusTag } from '../components/status-tags';
import { chinaDateTime, shiftLabel } from '../components/volunteer-options';

type ShiftView = Project['shifts'][number];

/**
 * 志愿服务项目: the project's details, its shifts with the places taken per role (the roster and
 * the check-in screen of each), and its service records. Buttons follow the project's abilities.
 */
export function ProjectDetailPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const loaded = useLoaded((signal) => getProject(id, signal), id);
  const [busy, setBusy] = useState<'publish' | 'close' | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [isAddingShifts, setAddingShifts] = useState(false);

  if (loaded.error instanceof ApiError && (loaded.error.status === 404 || loaded.error.status === 400)) {
    return <NotFoundPage />;
  }
  const back = (
    <Link to="/volunteer-projects">
      <ArrowLeftOutlined aria-hidden /> {t('volunteerConsole.projects.backToList')}
    </Link>
  );
  if (loaded.error) {
    return (
      <Page title={t('volunteerConsole.projects.title')} back={back}>
        <ErrorAlert error={loaded.error} />
      </Page>
    );
  }
  const project = loaded.data;
  if (!project) {
    return <LoadingPage />;
  }
  const { abilities } = project;

  const changeStatus = async (to: 'published' | 'closed') => {
    setBusy(to === 'published' ? 'publish' : 'close');
    setActionError(null);
    try {
      loaded.set(await setProjectStatus(project.id, to));
      void message.success(
        t(to === 'published' ? 'volunteerConsole.project.publishedDone' : 'volunteerConsole.project.closedDone'),
      );
    } catch (caught) {
      setActionError(caught);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Page
      title={project.title}
      back={back}
      extra={
        <>
          {abilities.update ? (
            <Button
              icon={<EditOutlined aria-hidden />}
              onClick={() => navigate(`/volunteer-projects/${project.id}/edit`)}
            >
              {t('common.edit')}
            </Button>
          ) : null}
          {abilities.publish ? (
            <Popconfirm
              title={t('volunteerConsole.project.publishConfirm')}
              okText={t('common.confirm')}
              cancelText={t('common.cancel')}
              onConfirm={() => changeStatus('published')}
            >
              <Button type="primary" icon={<SendOutlined aria-hidden />} loading={busy === 'publish'}>
                {t('volunteerConsole.project.publish')}
              </Button>
            </Popconfirm>
          ) : null}
          {abilities.close ? (
            <Popconfirm
              title={t('volunteerConsole.project.closeConfirm')}
              okText={t('common.confirm')}
              cancelText={t('common.cancel')}
              onConfirm={() => changeStatus('closed')}
            >
              <Button danger icon={<StopOutlined aria-hidden />} loading={busy === 'close'}>
                {t('volunteerConsole.project.close')}
              </Button>
            </Popconfirm>
          ) : null}
        </>
      }
    >
      <ErrorAlert error={actionError} />
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          {
            key: 'status',
            label: t('volunteerConsole.project.status'),
            children: <ProjectStatusTag status={project.status} />,
          },
          { key: 'org', label: t('volunteerConsole.project.org'), children: project.orgName },
          {
            key: 'field',
            label: t('volunteerConsole.project.field'),
            children: t(`activities.field.${project.field}`),
          },
          {
            key: 'where',
            label: t('volunteerConsole.project.address'),
            children: `${project.areaFullName} ${project.address}`,
          },
          {
            key: 'ages',
            label: t('volunteerConsole.project.ages'),
            children:
              project.minAge === null && project.maxAge === null
                ? t('volunteerConsole.project.anyAge')
                : `${project.minAge ?? 0}–${project.maxAge ?? '∞'}`,
          },
          {
            key: 'skills',
            label: t('volunteerConsole.project.requiredSkills'),
            children:
              project.requiredSkills.map((skill) => t(`volunteers.skill.${skill}`)).join('、') || t('common.empty'),
          },
          {
            key: 'activity',
            label: t('volunteerConsole.project.activity'),
            children: project.activityId ? (
              <Link to={`/activities/${project.activityId}`}>{t('volunteerConsole.project.openActivity')}</Link>
            ) : (
              t('common.empty')
            ),
          },
          {
            key: 'published',
            label: t('volunteerConsole.project.publishedAt'),
            children: chinaDateTime(project.publishedAt),
          },
          {
            key: 'content',
            label: t('volunteerConsole.project.serviceContent'),
            children: project.serviceContent,
            span: 2,
          },
          {
            key: 'description',
            label: t('volunteerConsole.project.description'),
            children: (
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{project.description}</Typography.Paragraph>
            ),
            span: 2,
          },
        ]}
      />
      <Tabs
        items={[
          {
            key: 'shifts',
            label: t('volunteerConsole.project.shiftsTab'),
            children: (
              <>
                {abilities.manageShifts ? (
                  <Button
                    icon={<PlusOutlined aria-hidden />}
                    onClick={() => setAddingShifts(true)}
                    style={{ marginBottom: 12 }}
                  >
                    {t('volunteerConsole.form.addShift')}
                  </Button>
                ) : null}
                <ShiftTable project={project} onChanged={loaded.set} />
              </>
            ),
          },
          {
            key: 'records',
            label: t('volunteerConsole.project.recordsTab'),
            children: <RecordsTable filters={{ projectId: project.id }} />,
          },
        ]}
      />
      {isAddingShifts ? (
        <AddShiftsDialog project={project} onClose={() => setAddingShifts(false)} onDone={loaded.set} />
      ) : null}
    </Page>
  );
}

type SlotRow = {
  key: string;
  shift: ShiftView;
  roleId: string;
  roleName: string;
  places: number;
  confirmed: number;
  waiting: number;
  isFirst: boolean;
  span: number;
};

function ShiftTable({ project, onChanged }: { project: Project; onChanged: (project: Project) => void }) {
  const { t } = useTranslation();
  const { can } = useAccess();
  // a closed project's shifts still take place: its organizers keep the check-in screen (the server checks)
  const mayRunShifts = can('volunteerProjects.manage') && project.status !== 'draft';
  const roleName = new Map(project.roles.map((role) => [role.id, role.name]));
  const rows: SlotRow[] = project.shifts.flatMap((shift) =>
    shift.slots.map((slot, index) => ({
      key: `${shift.id}:${slot.roleId}`,
      shift,
      roleId: slot.roleId,
      roleName: roleName.get(slot.roleId) ?? '',
      places: slot.places,
      confirmed: slot.confirmed,
      waiting: slot.waiting,
      isFirst: index === 0,
      span: shift.slots.length,
    })),
  );
  return (
    <Table<SlotRow>
      size="small"
      rowKey="key"
      pagination={false}
      dataSource={rows}
      scroll={{ x: 'max-content' }}
      caption={<span className="linli-visually-hidden">{t('volunteerConsole.project.shiftsCaption')}</span>}
      columns={[
        {
          title: t('volunteerConsole.project.shift'),
          key: 'shift',
          onCell: (row) => ({ rowSpan: row.isFirst ? row.span : 0 }),
          render: (_value, row) => shiftLabel(row.shift),
        },
        { title: t('volunteerConsole.form.roleName'), dataIndex: 'roleName', key: 'role' },
        {
          title: t('volunteerConsole.form.places'),
          key: 'places',
          align: 'right',
          render: (_value, row) =>
            project.abilities.manageShifts ? (
              <PlacesInput project={project} row={row} onChanged={onChanged} />
            ) : (
              row.places
            ),
        },
        { title: t('volunteerConsole.project.confirmed'), dataIndex: 'confirmed', key: 'confirmed', align: 'right' },
        { title: t('volunteerConsole.project.waiting'), dataIndex: 'waiting', key: 'waiting', align: 'right' },
        {
          title: t('common.actions'),
          key: 'actions',
          onCell: (row) => ({ rowSpan: row.isFirst ? row.span : 0 }),
          render: (_value, row) => (
            <Space wrap>
              <Link to={`/volunteer-projects/${project.id}/shifts/${row.shift.id}`}>
                <TeamOutlined aria-hidden /> {t('volunteerConsole.project.roster')}
              </Link>
              {mayRunShifts ? (
                <Link to={`/volunteer-projects/${project.id}/shifts/${row.shift.id}/check-in`}>
                  <QrcodeOutlined aria-hidden /> {t('volunteerConsole.project.checkInScreen')}
                </Link>
              ) : null}
            </Space>
          ),
        },
      ]}
    />
  );
}

/** 名额: places of one shift and role; never below those confirmed, more places promote the waiting. */
function PlacesInput({ project, row, onChanged }: { project: Project; row: SlotRow; onChanged: (p: Project) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [value, setValue] = useState<number | null>(row.places);
  const [isSaving, setSaving] = useState(false);
  const save = async () => {
    if (value === null || value === row.places) {
      return;
    }
    setSaving(true);
    try {
      onChanged(await setPlaces(project.id, { shiftId: row.shift.id, roleId: row.roleId, places: value }));
      void message.success(t('common.saved'));
    } catch (caught) {
      void message.error(errorText(caught));
      setValue(row.places);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Space.Compact>
      <InputNumber
        aria-label={t('volunteerConsole.project.placesOf', { shift: shiftLabel(row.shift), role: row.roleName })}
        min={Math.max(1, row.confirmed)}
        max={10000}
        value={value}
        onChange={setValue}
        style={{ width: 90 }}
      />
      <Button onClick={() => void save()} loading={isSaving} disabled={value === row.places}>
        {t('common.save')}
      </Button>
    </Space.Compact>
  );
}

type NewShiftValues = { date?: Dayjs; startTime?: Dayjs; endTime?: Dayjs };

function AddShiftsDialog({
  project,
  onClose,
  onDone,
}: {
  project: Project;
  onClose: () => void;
  onDone: (project: Project) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<NewShiftValues>();
  const [error, setError] = useState<unknown>(null);
  return (
    <ModalForm<NewShiftValues>
      name="add-shift"
      title={t('volunteerConsole.form.addShift')}
      form={form}
      open
      layout="vertical"
      onOpenChange={(open) => {
        if (!open) {
          onClose();
        }
      }}
      submitter={{ searchConfig: { submitText: t('common.save'), resetText: t('common.cancel') } }}
      modalProps={{ destroyOnHidden: true }}
      onFinish={async (values) => {
        setError(null);
        try {
          onDone(
            await addShifts(project.id, [
              {
                date: values.date!.format('YYYY-MM-DD'),
                startTime: values.startTime!.format('HH:mm'),
                endTime: values.endTime!.format('HH:mm'),
              },
            ]),
          );
          return true;
        } catch (caught) {
          setError(caught);
          return false;
        }
      }}
    >
      <ErrorAlert error={error} />
      <Typography.Paragraph type="secondary">{t('volunteerConsole.form.chinaTime')}</Typography.Paragraph>
      <Space wrap align="start">
        <Form.Item name="date" label={t('volunteerConsole.form.shiftDate')} rules={[{ required: true }]}>
          <DatePicker format="YYYY-MM-DD" />
        </Form.Item>
        <Form.Item name="startTime" label={t('volunteerConsole.form.startTime')} rules={[{ required: true }]}>
          <TimePicker format="HH:mm" minuteStep={5} />
        </Form.Item>
        <Form.Item name="endTime" label={t('volunteerConsole.form.endTime')} rules={[{ required: true }]}>
          <TimePicker format="HH:mm" minuteStep={5} />
        </Form.Item>
      </Space>
    </ModalForm>
  );
}
