import { ArrowLeftOutlined, EyeOutlined, LockOutlined, UnlockOutlined } from '@ant-design/icons';
import { ModalForm, ProFormText } from '@ant-design/pro-components';
import type { Grant, User } from '@linli/contract/accounts';
import type { Role } from '@linli/contract/permissions';
import { App, Button, Card, Descriptions, Form, Popconfirm, Space, Table, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { errorText } from '../../../app/error-text';
import { applyFieldErrors } from '../../../app/form-errors';
import { useJurisdictionRoots } from '../../../app/jurisdiction';
import { ApiError } from '../../../app/request';
import { LoadingPage, NotFoundPage } from '../../../app/status-pages';
import { AreaCascader, type AreaChoice } from '../../../components/area-cascader';
import { formatDateTime } from '../../../components/date-time';
import { ErrorAlert } from '../../../components/error-alert';
import { Page } from '../../../components/page';
import { addGrant, getUser, lockUser, revealMobile, revokeGrant, unlockUser, updateUser } from '../api';
import { GrantFields } from '../components/grant-fields';
import { useGrantableRoles } from '../components/use-grantable-roles';
import { isLocked, UserStatus } from '../components/user-status';

type GrantValues = { role?: Role; area?: AreaChoice };
type EditValues = { name: string; area?: AreaChoice };

/** One user: profile, lock state, roles; every button follows the `abilities` the server sent. */
export function UserDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [user, setUser] = useState<User | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const controller = new AbortController();
    setUser(null);
    setError(null);
    getUser(id, controller.signal).then(setUser, (caught: unknown) => {
      if (!controller.signal.aborted) {
        setError(caught);
      }
    });
    return () => controller.abort();
  }, [id]);

  if (error instanceof ApiError && error.status === 404) {
    return <NotFoundPage />;
  }
  if (error) {
    return (
      <Page title={t('users.detail.title')} back={<BackLink />}>
        <ErrorAlert error={error} />
      </Page>
    );
  }
  if (!user) {
    return <LoadingPage />;
  }
  return <UserDetail user={user} onChange={setUser} />;
}

function BackLink() {
  const { t } = useTranslation();
  return (
    <Link to="/users">
      <ArrowLeftOutlined aria-hidden /> {t('users.detail.backToList')}
    </Link>
  );
}

function UserDetail({ user, onChange }: { user: User; onChange: (user: User) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [actionError, setActionError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [mobile, setMobile] = useState<string | null>(null);

  /** Runs one action on the user, shows its outcome and takes the user the server returns. */
  const act = useCallback(
    (key: string, call: () => Promise<User>, success: string) => {
      setBusy(key);
      setActionError(null);
      call()
        .then((next) => {
          onChange(next);
          void message.success(success);
        })
        .catch((caught: unknown) => {
          setActionError(caught);
          void message.error(errorText(caught));
        })
        .finally(() => setBusy(null));
    },
    [onChange, message],
  );

  const reveal = () => {
    setBusy('reveal');
    revealMobile(user.id)
      .then((answer) => setMobile(answer.mobile))
      .catch((caught: unknown) => setActionError(caught))
      .finally(() => setBusy(null));
  };

  const locked = isLocked(user);

  return (
    <Page
      title={user.name}
      back={<BackLink />}
      extra={
        <>
          {user.abilities.update ? <UserEditForm user={user} onSaved={onChange} /> : null}
          {user.abilities.lock && !locked ? (
            <Popconfirm
              title={t('users.detail.lock')}
              description={t('users.detail.lockConfirm')}
              okText={t('common.confirm')}
              cancelText={t('common.cancel')}
              onConfirm={() => act('lock', () => lockUser(user.id), t('users.detail.locked'))}
            >
              <Button danger icon={<LockOutlined aria-hidden />} loading={busy === 'lock'}>
                {t('users.detail.lock')}
              </Button>
            </Popconfirm>
          ) : null}
          {user.abilities.lock && locked ? (
            <Button
              icon={<UnlockOutlined aria-hidden />}
              loading={busy === 'unlock'}
              onClick={() => act('unlock', () => unlockUser(user.id), t('users.detail.unlocked'))}
            >
              {t('users.detail.unlock')}
            </Button>
          ) : null}
        </>
      }
    >
      <ErrorAlert error={actionError} />
      <Space direction="vertical" size="large" style={{ width: '100%' }}>
        <Card title={<h2 className="linli-card-title">{t('users.detail.profile')}</h2>}>
          <Descriptions
            column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 3 }}
            bordered
            size="small"
            styles={{ label: { whiteSpace: 'nowrap' } }}
          >
            <Descriptions.Item label={t('users.name')}>{user.name}</Descriptions.Item>
            <Descriptions.Item label={t('users.mobile')}>
              <Space wrap>
                <span>{mobile ?? user.mobileMasked}</span>
                {user.abilities.revealMobile && mobile === null ? (
                  <Button
                    size="small"
                    icon={<EyeOutlined aria-hidden />}
                    loading={busy === 'reveal'}
                    onClick={reveal}
                    title={t('users.detail.revealMobileNotice')}
                  >
                    {t('users.detail.revealMobile')}
                  </Button>
                ) : null}
                {mobile !== null ? (
                  <Typography.Text type="secondary">{t('users.detail.revealMobileNotice')}</Typography.Text>
                ) : null}
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t('users.homeArea')}>{user.areaFullName}</Descriptions.Item>
            <Descriptions.Item label={t('users.status')}>
              <UserStatus user={user} />
            </Descriptions.Item>
            <Descriptions.Item label={t('users.lockedUntil')}>
              {locked ? formatDateTime(user.lockedUntil) : t('users.detail.notLocked')}
            </Descriptions.Item>
            <Descriptions.Item label={t('users.mustChangePassword')}>
              {user.mustChangePassword ? t('common.yes') : t('common.no')}
            </Descriptions.Item>
            <Descriptions.Item label={t('users.createdAt')}>{formatDateTime(user.createdAt)}</Descriptions.Item>
          </Descriptions>
        </Card>
        <GrantsCard user={user} busy={busy} act={act} />
      </Space>
    </Page>
  );
}

type ActFn = (key: string, call: () => Promise<User>, success: string) => void;

function GrantsCard({ user, busy, act }: { user: User; busy: string | null; act: ActFn }) {
  const { t } = useTranslation();
  const canGrant = user.abilities.grant;
  const columns = [
    { title: t('users.detail.role'), key: 'role', render: (grant: Grant) => t(`roles.${grant.role}`) },
    { title: t('users.detail.area'), key: 'area', dataIndex: 'areaFullName' },
    ...(canGrant
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            render: (grant: Grant) => {
              const role = t(`roles.${grant.role}`);
              return (
                <Popconfirm
                  title={t('users.detail.revoke')}
                  description={t('users.detail.revokeConfirm', { role, area: grant.areaFullName })}
                  okText={t('common.confirm')}
                  cancelText={t('common.cancel')}
                  onConfirm={() =>
                    act(`revoke:${grant.id}`, () => revokeGrant(user.id, grant.id), t('users.detail.revoked'))
                  }
                >
                  <Button
                    danger
                    size="small"
                    loading={busy === `revoke:${grant.id}`}
                    aria-label={`${t('users.detail.revoke')} ${t('home.roleAt', { role, area: grant.areaFullName })}`}
                  >
                    {t('users.detail.revoke')}
                  </Button>
                </Popconfirm>
              );
            },
          },
        ]
      : []),
  ];

  return (
    <Card title={<h2 className="linli-card-title">{t('users.detail.grants')}</h2>}>
      <Table<Grant>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={user.grants}
        pagination={false}
        locale={{ emptyText: t('users.detail.noGrants') }}
      />
      {canGrant ? <AddGrantForm user={user} busy={busy} act={act} /> : null}
    </Card>
  );
}

function AddGrantForm({ user, busy, act }: { user: User; busy: string | null; act: ActFn }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<GrantValues>();
  const roots = useJurisdictionRoots();
  const { roles, error } = useGrantableRoles();

  const submit = (values: GrantValues) => {
    const { role, area } = values;
    if (!role || !area) {
      return;
    }
    act(
      'grant',
      () =>
        addGrant(user.id, { role, areaCode: area.code, areaLevel: area.level }).then((next) => {
          form.resetFields();
          return next;
        }),
      t('users.detail.grantAdded'),
    );
  };

  return (
    <section aria-labelledby="linli-add-grant" style={{ marginTop: 24 }}>
      <Typography.Title level={3} id="linli-add-grant" className="linli-card-title">
        {t('users.detail.addGrant')}
      </Typography.Title>
      <ErrorAlert error={error} />
      <Form<GrantValues> name="add-grant" form={form} layout="vertical" onFinish={submit} style={{ maxWidth: 480 }}>
        <GrantFields
          prefix={[]}
          roles={roles}
          roots={roots}
          isRequired
          roleLabel={t('users.detail.role')}
          areaLabel={t('users.detail.area')}
        />
        <Button type="primary" htmlType="submit" loading={busy === 'grant'}>
          {t('users.detail.addGrant')}
        </Button>
      </Form>
    </section>
  );
}

function UserEditForm({ user, onSaved }: { user: User; onSaved: (user: User) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<EditValues>();
  const roots = useJurisdictionRoots();
  const [error, setError] = useState<unknown>(null);

  return (
    <ModalForm<EditValues>
      name="user-edit"
      title={t('users.detail.editTitle')}
      form={form}
      layout="vertical"
      initialValues={{ name: user.name }}
      trigger={<Button>{t('common.edit')}</Button>}
      modalProps={{ destroyOnHidden: true }}
      submitter={{ searchConfig: { submitText: t('common.save'), resetText: t('common.cancel') } }}
      onFinish={async (values) => {
        setError(null);
        try {
          const next = await updateUser(user.id, {
            name: values.name.trim(),
            ...(values.area ? { areaCode: values.area.code } : {}),
          });
          onSaved(next);
          void message.success(t('users.detail.updated'));
          return true;
        } catch (caught) {
          applyFieldErrors(form, caught, { areaCode: ['area'] });
          setError(caught);
          return false;
        }
      }}
    >
      <ErrorAlert error={error} />
      <ProFormText
        name="name"
        label={t('users.name')}
        rules={[
          { required: true, whitespace: true, message: t('users.nameRequired') },
          { max: 50, message: t('users.nameTooLong') },
        ]}
      />
      <Form.Item name="area" label={t('users.homeArea')} extra={user.areaFullName}>
        <AreaCascader roots={roots} />
      </Form.Item>
    </ModalForm>
  );
}
