import type { PublicProject, Signup } from '@linli/contract/volunteers';
import { Button, Dialog, DotLoading, ErrorBlock, Tag } from 'antd-mobile';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams } from 'react-router-dom';
import { errorText } from '../../app/error-text';
import { ApiError } from '../../app/request';
import { useSessionState } from '../../app/session';
import { whenText } from '../format';
import { SignupStatus } from './signup-status';
import { getPublicProject, listMySignups, signUp } from './volunteer-api';
import { VolunteerShell } from './volunteer-shell';

/**
 * 项目详情 (`/m/volunteer/projects/:id`): what the project is, who runs it, what it asks for, and
 * each shift's roles with the places left; a volunteer signs up for a shift and role (a place,
 * or the next number in the waiting list). Looking needs no sign-in; signing up does.
 */
export function ProjectPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [project, setProject] = useState<PublicProject | null>(null);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(
    (signal?: AbortSignal) => {
      getPublicProject(id, signal).then(setProject, (caught: unknown) => {
        if (!signal?.aborted) {
          setError(caught);
        }
      });
    },
    [id],
  );
  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal);
    return () => controller.abort();
  }, [load]);

  return (
    <VolunteerShell title={project?.title ?? t('volunteerMobile.projectsTitle')}>
      {error ? (
        <ErrorBlock
          status="empty"
          title={
            error instanceof ApiError && error.status === 404 ? t('volunteerMobile.projectNotFound') : errorText(error)
          }
          description=""
        />
      ) : project ? (
        <ProjectView project={project} reload={() => load()} />
      ) : (
        <p style={{ textAlign: 'center' }} aria-live="polite">
          {t('app.loading')}
          <DotLoading />
        </p>
      )}
    </VolunteerShell>
  );
}

function ProjectView({ project, reload }: { project: PublicProject; reload: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const { state } = useSessionState();
  const isVolunteer = state.status === 'signedIn' && state.session.permissions.includes('volunteers.self');
  const [mine, setMine] = useState<Signup[]>([]);
  const [busy, setBusy] = useState<string | null>(null);
  const roleName = new Map(project.roles.map((role) => [role.id, role.name]));

  const loadMine = useCallback(() => {
    if (!isVolunteer) {
      return;
    }
    listMySignups().then(
      (page) => setMine(page.items.filter((s) => s.projectId === project.id && s.status !== 'cancelled')),
      () => setMine([]),
    );
  }, [isVolunteer, project.id]);
  useEffect(loadMine, [loadMine]);

  const join = async (shiftId: string, roleId: string, when: string) => {
    if (state.status !== 'signedIn') {
      navigate(`/sign-in?next=${encodeURIComponent(location.pathname)}`);
      return;
    }
    const isSure = await Dialog.confirm({
      title: t('volunteerMobile.signUpConfirmTitle'),
      content: t('volunteerMobile.signUpConfirm', { role: roleName.get(roleId), when }),
      confirmText: t('volunteerMobile.signUp'),
      cancelText: t('common.cancel'),
    });
    if (!isSure) {
      return;
    }
    setBusy(`${shiftId}:${roleId}`);
    try {
      const signup = await signUp(shiftId, roleId);
      await Dialog.alert({
        title:
          signup.status === 'confirmed' ? t('volunteerMobile.signedUpConfirmed') : t('volunteerMobile.signedUpWaiting'),
        content:
          signup.status === 'confirmed'
            ? t('volunteerMobile.signedUpConfirmedText', { when })
            : t('volunteerMobile.signedUpWaitingText', { position: signup.waitingPosition ?? 1 }),
        confirmText: t('common.confirm'),
      });
      reload();
      loadMine();
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === 'VOLUNTEER_NOT_REGISTERED') {
        navigate(`/m/volunteer/register?next=${encodeURIComponent(location.pathname)}`);
        return;
      }
      await Dialog.alert({ content: errorText(caught), confirmText: t('common.confirm') });
    } finally {
      setBusy(null);
    }
  };

  const now = Date.now();
  return (
    <>
      <h1>{project.title}</h1>
      <dl className="linli-m-facts">
        <dt>{t('volunteerMobile.organizer')}</dt>
        <dd>{project.orgName}</dd>
        <dt>{t('activityMobile.where')}</dt>
        <dd>
          {project.address}
          <div className="linli-m-muted">{project.areaFullName}</div>
        </dd>
        <dt>{t('volunteerMobile.field')}</dt>
        <dd>
          <Tag color="primary" fill="outline">
            {t(`activities.field.${project.field}`)}
          </Tag>
        </dd>
        <dt>{t('volunteerMobile.serviceContent')}</dt>
        <dd>{project.serviceContent}</dd>
        {project.minAge !== null || project.maxAge !== null || project.requiredSkills.length > 0 ? (
          <>
            <dt>{t('volunteerMobile.requirements')}</dt>
            <dd>
              {project.minAge !== null || project.maxAge !== null
                ? t('volunteerMobile.ageRange', { min: project.minAge ?? '—', max: project.maxAge ?? '—' })
                : null}
              {project.requiredSkills.length > 0 ? (
                <div>{project.requiredSkills.map((skill) => t(`volunteers.skill.${skill}`)).join('、')}</div>
              ) : null}
            </dd>
          </>
        ) : null}
      </dl>
      <section className="linli-m-section" aria-label={t('volunteerMobile.about')}>
        {project.description}
      </section>
      <h2>{t('volunteerMobile.shifts')}</h2>
      {!isVolunteer && state.status === 'signedIn' ? (
        <p className="linli-m-section">{t('volunteerMobile.notVolunteer')}</p>
      ) : null}
      <ul className="linli-m-list">
        {project.shifts.map((shift) => {
          const when = whenText(shift.startsAt, shift.endsAt);
          const hasStarted = Date.parse(shift.startsAt) <= now;
          const myOne = mine.find((s) => s.shiftId === shift.id);
          return (
            <li key={shift.id} className="linli-m-card">
              <div className="linli-m-card-when">{when}</div>
              {myOne ? (
                <p>
                  {t('volunteerMobile.youSignedUp', { role: myOne.roleName })} <SignupStatus signup={myOne} />
                </p>
              ) : null}
              {shift.slots.map((slot) => {
                const left = Math.max(0, slot.places - slot.confirmed);
                const key = `${shift.id}:${slot.roleId}`;
                return (
                  <div key={slot.roleId} className="linli-m-slot">
                    <div>
                      <strong>{roleName.get(slot.roleId)}</strong>
                      <div aria-live="polite">
                        {left > 0
                          ? t('volunteerMobile.placesLeft', { left, places: slot.places })
                          : t('volunteerMobile.full', { waiting: slot.waiting })}
                      </div>
                    </div>
                    {myOne || hasStarted ? null : (
                      <Button
                        color="primary"
                        fill={left > 0 ? 'solid' : 'outline'}
                        loading={busy === key}
                        aria-label={`${left > 0 ? t('volunteerMobile.signUp') : t('volunteerMobile.joinWaiting')} ${roleName.get(slot.roleId)} ${when}`}
                        onClick={() => void join(shift.id, slot.roleId, when)}
                      >
                        {left > 0 ? t('volunteerMobile.signUp') : t('volunteerMobile.joinWaiting')}
                      </Button>
                    )}
                  </div>
                );
              })}
              {hasStarted ? <div className="linli-m-muted">{t('volunteerMobile.shiftStarted')}</div> : null}
            </li>
          );
        })}
      </ul>
    </>
  );
}
