import { ArrowLeftOutlined, QrcodeOutlined, UserAddOutlined, UsergroupAddOutlined } from '@ant-design/icons';
import { ModalForm } from '@ant-design/pro-components';
import type { VolunteerSkill } from '@linli/contract/volunteers';
import { App, Button, Card, Form, Input, Popconfirm, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useAccess } from '../../../app/access';
import { errorText } from '../../../app/error-text';
import { applyFieldErrors } from '../../../app/form-errors';
import { useJurisdictionRoots } from '../../../app/jurisdiction';
import { ApiError } from '../../../app/request';
import { LoadingPage, NotFoundPage } from '../../../app/status-pages';
import { AreaCascader, type AreaChoice } from '../../../components/area-cascader';
import { ErrorAlert } from '../../../components/error-alert';
import { Page } from '../../../components/page';
import { useLoaded } from '../../../components/use-loaded';
import {
  addToRoster,
  getProject,
  getRoster,
  listVolunteers,
  type Project,
  type RosterEntry,
  recordAttendance,
  registerVolunteer,
  removeFromRoster,
} from '../api';
import { SignupStatusTag } from '../components/status-tags';
import { chinaDateTime, shiftLabel, skillChoices } from '../components/volunteer-options';

/**
 * 排班名单: who is confirmed and who waits (in order) for one shift, per role. The organizer adds
 * a team member, registers someone without a smartphone straight onto the shift, takes people
 * off (the first waiting moves up) and checks people in or out for them.
 */
export function ShiftRosterPage() {
  const { t } = useTranslation();
  const { can } = useAccess();
  const navigate = useNavigate();
  const { id = '', shiftId = '' } = useParams();
  const project = useLoaded((signal) => getProject(id, signal), id);
  const roster = useLoaded((signal) => getRoster(shiftId, signal), shiftId);
  const [dialog, setDialog] = useState<'add' | 'register' | null>(null);

  const error = project.error ?? roster.error;
  if (error instanceof ApiError && (error.status === 404 || error.status === 400)) {
    return <NotFoundPage />;
  }
  const back = (
    <Link to={`/volunteer-projects/${id}`}>
      <ArrowLeftOutlined aria-hidden /> {t('volunteerConsole.project.backToProject')}
    </Link>
  );
  if (error) {
    return (
      <Page title={t('volunteerConsole.roster.title')} back={back}>
        <ErrorAlert error={error} />
      </Page>
    );
  }
  const shift = project.data?.shifts.find((item) => item.id === shiftId);
  if (!project.data || !roster.data) {
    return <LoadingPage />;
  }
  if (!shift) {
    return <NotFoundPage />;
  }
  const mayManage = project.data.abilities.manageShifts;
  // check-in and out go on after sign-ups close (the server checks who manages the project)
  const mayRunShift = can('volunteerProjects.manage') && project.data.status !== 'draft';
  const refresh = () => {
    roster.reload();
    project.reload();
  };

  return (
    <Page
      title={t('volunteerConsole.roster.titleOf', { project: project.data.title, shift: shiftLabel(shift) })}
      back={back}
      extra={
        <>
          {mayManage ? (
            <>
              <Button icon={<UsergroupAddOutlined aria-hidden />} onClick={() => setDialog('add')}>
                {t('volunteerConsole.roster.add')}
              </Button>
              <Button icon={<UserAddOutlined aria-hidden />} onClick={() => setDialog('register')}>
                {t('volunteerConsole.roster.register')}
              </Button>
            </>
          ) : null}
          {mayRunShift ? (
            <Button
              type="primary"
              icon={<QrcodeOutlined aria-hidden />}
              onClick={() => navigate(`/volunteer-projects/${id}/shifts/${shiftId}/check-in`)}
            >
              {t('volunteerConsole.project.checkInScreen')}
            </Button>
          ) : null}
        </>
      }
    >
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        {project.data.roles.map((role) => (
          <RoleRoster
            key={role.id}
            title={role.name}
            places={shift.slots.find((slot) => slot.roleId === role.id)?.places ?? role.places}
            entries={roster.data!.items.filter((entry) => entry.roleId === role.id)}
            shiftId={shiftId}
            mayManage={mayManage}
            mayRunShift={mayRunShift}
            onChanged={refresh}
          />
        ))}
      </Space>
      {dialog === 'add' ? (
        <AddMemberDialog project={project.data} shiftId={shiftId} onClose={() => setDialog(null)} onDone={refresh} />
      ) : null}
      {dialog === 'register' ? (
        <RegisterDialog project={project.data} shiftId={shiftId} onClose={() => setDialog(null)} onDone={refresh} />
      ) : null}
    </Page>
  );
}

function RoleRoster(props: {
  title: string;
  places: number;
  entries: RosterEntry[];
  shiftId: string;
  mayManage: boolean;
  mayRunShift: boolean;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const confirmed = props.entries.filter((entry) => entry.status === 'confirmed');
  const waiting = props.entries
    .filter((entry) => entry.status === 'waiting')
    .sort((a, b) => (a.waitingPosition ?? 0) - (b.waitingPosition ?? 0));

  const act = async (key: string, run: () => Promise<unknown>, done: string) => {
    setBusy(key);
    try {
      await run();
      void message.success(done);
      props.onChanged();
    } catch (caught) {
      void message.error(errorText(caught));
    } finally {
      setBusy(null);
    }
  };

  const table = (rows: RosterEntry[], caption: string, isWaiting: boolean) => (
    <Table<RosterEntry>
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={rows}
      caption={<span className="linli-visually-hidden">{caption}</span>}
      locale={{
        emptyText: isWaiting ? t('volunteerConsole.roster.noneWaiting') : t('volunteerConsole.roster.noneConfirmed'),
      }}
      columns={[
        { title: '#', key: 'n', width: 48, render: (_v, _row, index) => index + 1 },
        { title: t('volunteerConsole.records.volunteer'), dataIndex: 'volunteerName', key: 'name' },
        { title: t('volunteerConsole.volunteer.mobile'), dataIndex: 'mobileMasked', key: 'mobile' },
        {
          title: t('volunteerConsole.roster.status'),
          key: 'status',
          render: (_v, row) => <SignupStatusTag status={row.status} position={row.waitingPosition} />,
        },
        {
          title: t('volunteerConsole.roster.source'),
          key: 'source',
          render: (_v, row) => t(`volunteerConsole.roster.sourceOf.${row.source}`),
        },
        {
          title: t('volunteerConsole.roster.signedUpAt'),
          key: 'at',
          render: (_v, row) => chinaDateTime(row.createdAt),
        },
        ...(props.mayManage || props.mayRunShift
          ? [
              {
                title: t('common.actions'),
                key: 'actions',
                render: (_v: unknown, row: RosterEntry) => (
                  <Space wrap>
                    {isWaiting || !props.mayRunShift ? null : (
                      <>
                        <Button
                          size="small"
                          loading={busy === `in:${row.id}`}
                          onClick={() =>
                            void act(
                              `in:${row.id}`,
                              () =>
                                recordAttendance(props.shiftId, { volunteerId: row.volunteerId, action: 'checkIn' }),
                              t('volunteerConsole.roster.checkedIn', { name: row.volunteerName }),
                            )
                          }
                        >
                          {t('volunteerConsole.roster.checkIn')}
                        </Button>
                        <Button
                          size="small"
                          loading={busy === `out:${row.id}`}
                          onClick={() =>
                            void act(
                              `out:${row.id}`,
                              () =>
                                recordAttendance(props.shiftId, { volunteerId: row.volunteerId, action: 'checkOut' }),
                              t('volunteerConsole.roster.checkedOut', { name: row.volunteerName }),
                            )
                          }
                        >
                          {t('volunteerConsole.roster.checkOut')}
                        </Button>
                      </>
                    )}
                    {props.mayManage ? (
                      <Popconfirm
                        title={t('volunteerConsole.roster.removeConfirm', { name: row.volunteerName })}
                        okText={t('common.confirm')}
                        cancelText={t('common.cancel')}
                        onConfirm={() =>
                          act(
                            `rm:${row.id}`,
                            () => removeFromRoster(props.shiftId, row.id),
                            t('volunteerConsole.roster.removed', { name: row.volunteerName }),
                          )
                        }
                      >
                        <Button size="small" danger loading={busy === `rm:${row.id}`}>
                          {t('volunteerConsole.roster.remove')}
                        </Button>
                      </Popconfirm>
                    ) : null}
                  </Space>
                ),
              },
            ]
          : []),
      ]}
    />
  );

  return (
    <Card
      size="small"
      title={<h2 className="linli-card-title">{props.title}</h2>}
      extra={t('volunteerConsole.roster.counts', {
        confirmed: confirmed.length,
        places: props.places,
        waiting: waiting.length,
      })}
    >
      <Typography.Title level={3} className="linli-card-title">
        {t('volunteerConsole.roster.confirmed')}
      </Typography.Title>
      {table(confirmed, t('volunteerConsole.roster.confirmedOf', { role: props.title }), false)}
      <Typography.Title level={3} className="linli-card-title" style={{ marginTop: 16 }}>
        {t('volunteerConsole.roster.waiting')}
      </Typography.Title>
      {table(waiting, t('volunteerConsole.roster.waitingOf', { role: props.title }), true)}
    </Card>
  );
}

function roleOptions(project: Project) {
  return project.roles.map((role) => ({ value: role.id, label: role.name }));
}

/** 添加志愿者: a member of the organization's team onto the shift (a place, or the waiting list). */
function AddMemberDialog(props: { project: Project; shiftId: string; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ roleId: string; volunteerId: string }>();
  const [error, setError] = useState<unknown>(null);
  const team = useLoaded(
    (signal) => listVolunteers({ orgId: props.project.orgId }, undefined, signal),
    props.project.orgId,
  );
  return (
    <ModalForm<{ roleId: string; volunteerId: string }>
      name="roster-add"
      title={t('volunteerConsole.roster.add')}
      form={form}
      open
      layout="vertical"
      initialValues={{ roleId: props.project.roles[0]?.id }}
      onOpenChange={(open) => {
        if (!open) {
          props.onClose();
        }
      }}
      submitter={{ searchConfig: { submitText: t('common.add'), resetText: t('common.cancel') } }}
      modalProps={{ destroyOnHidden: true }}
      onFinish={async (values) => {
        setError(null);
        try {
          const signup = await addToRoster(props.shiftId, values);
          void message.success(
            signup.status === 'waiting'
              ? t('volunteerConsole.roster.addedWaiting', { position: signup.waitingPosition })
              : t('volunteerConsole.roster.added'),
          );
          props.onDone();
          return true;
        } catch (caught) {
          setError(applyFieldErrors(form, caught) ? null : caught);
          return false;
        }
      }}
    >
      <ErrorAlert error={error ?? team.error} />
      <Form.Item name="roleId" label={t('volunteerConsole.form.roleName')} rules={[{ required: true }]}>
        <Select options={roleOptions(props.project)} />
      </Form.Item>
      <Form.Item
        name="volunteerId"
        label={t('volunteerConsole.roster.teamMember')}
        extra={t('volunteerConsole.roster.teamHint')}
        rules={[{ required: true, message: t('volunteerConsole.roster.teamMemberRequired') }]}
      >
        <Select
          showSearch
          optionFilterProp="label"
          loading={!team.data && !team.error}
          options={(team.data?.items ?? []).map((v) => ({ value: v.id, label: `${v.name}（${v.mobileMasked}）` }))}
        />
      </Form.Item>
    </ModalForm>
  );
}

type RegisterValues = {
  roleId: string;
  name: string;
  idNumber: string;
  mobile: string;
  area?: AreaChoice | null;
  skills: VolunteerSkill[];
};

/**
 * 代为登记: someone without a smartphone is registered as a real-name volunteer into the
 * organization's team, then signed up for this shift.
 */
function RegisterDialog(props: { project: Project; shiftId: string; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const roots = useJurisdictionRoots();
  const [form] = Form.useForm<RegisterValues>();
  const [error, setError] = useState<unknown>(null);
  const [registeredId, setRegisteredId] = useState<string | null>(null);
  return (
    <ModalForm<RegisterValues>
      name="roster-register"
      title={t('volunteerConsole.roster.register')}
      form={form}
      open
      layout="vertical"
      initialValues={{ roleId: props.project.roles[0]?.id, skills: [] }}
      onOpenChange={(open) => {
        if (!open) {
          props.onClose();
        }
      }}
      submitter={{
        searchConfig: { submitText: t('volunteerConsole.roster.registerSubmit'), resetText: t('common.cancel') },
      }}
      modalProps={{ destroyOnHidden: true, maskClosable: false }}
      onFinish={async (values) => {
        setError(null);
        try {
          // a retry after a failed sign-up does not register the person twice
          const volunteerId =
            registeredId ??
            (
              await registerVolunteer({
                name: values.name.trim(),
                idNumber: values.idNumber.trim(),
                mobile: values.mobile.trim(),
                areaCode: values.area!.code,
                skills: values.skills ?? [],
                serviceAreaCodes: [],
                availability: [],
                stationId: null,
                orgId: props.project.orgId,
              })
            ).id;
          setRegisteredId(volunteerId);
          const signup = await addToRoster(props.shiftId, { roleId: values.roleId, volunteerId });
          void message.success(
            signup.status === 'waiting'
              ? t('volunteerConsole.roster.addedWaiting', { position: signup.waitingPosition })
              : t('volunteerConsole.roster.added'),
          );
          props.onDone();
          return true;
        } catch (caught) {
          setError(applyFieldErrors(form, caught, { areaCode: 'area' }) ? null : caught);
          return false;
        }
      }}
    >
      <ErrorAlert error={error} />
      <Typography.Paragraph type="secondary">{t('volunteerConsole.roster.registerHint')}</Typography.Paragraph>
      <Form.Item name="roleId" label={t('volunteerConsole.form.roleName')} rules={[{ required: true }]}>
        <Select options={roleOptions(props.project)} />
      </Form.Item>
      <Form.Item
        name="name"
        label={t('volunteerConsole.volunteer.name')}
        rules={[
          {
            required: true,
            whitespace: true,
            message: t('common.required', { label: t('volunteerConsole.volunteer.name') }),
          },
        ]}
      >
        <Input maxLength={50} disabled={registeredId !== null} />
      </Form.Item>
      <Form.Item
        name="idNumber"
        label={t('volunteerConsole.volunteer.idNumber')}
        rules={[
          { required: true, message: t('common.required', { label: t('volunteerConsole.volunteer.idNumber') }) },
          { pattern: /^\s*\d{17}[\dXx]\s*$/, message: t('volunteerConsole.volunteer.idNumberFormat') },
        ]}
      >
        <Input maxLength={18} autoComplete="off" disabled={registeredId !== null} />
      </Form.Item>
      <Form.Item
        name="mobile"
        label={t('volunteerConsole.volunteer.mobile')}
        rules={[
          { required: true, message: t('common.required', { label: t('volunteerConsole.volunteer.mobile') }) },
          { pattern: /^\s*1\d{10}\s*$/, message: t('volunteerConsole.volunteer.mobileFormat') },
        ]}
      >
        <Input maxLength={11} inputMode="tel" autoComplete="off" disabled={registeredId !== null} />
      </Form.Item>
      <Form.Item
        name="area"
        label={t('volunteerConsole.volunteer.homeArea')}
        rules={[{ required: true, message: t('common.required', { label: t('volunteerConsole.volunteer.homeArea') }) }]}
      >
        <AreaCascader roots={roots} levels={['community']} disabled={registeredId !== null} />
      </Form.Item>
      <Form.Item name="skills" label={t('volunteerConsole.volunteer.skills')}>
        <Select
          mode="multiple"
          disabled={registeredId !== null}
          options={skillChoices.map((value) => ({ value, label: t(`volunteers.skill.${value}`) }))}
        />
      </Form.Item>
    </ModalForm>
  );
}
