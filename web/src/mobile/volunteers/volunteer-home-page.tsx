import { Button } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useSessionState } from '../../app/session';
import { StarLevel } from './star-level';
import { SignedInVolunteer, VolunteerShell } from './volunteer-shell';

const tiles = [
  { to: '/m/volunteer/projects', key: 'projects', icon: '🔍' },
  { to: '/m/volunteer/signups', key: 'signups', icon: '📋' },
  { to: '/m/volunteer/scan', key: 'scan', icon: '📷' },
  { to: '/m/volunteer/hours', key: 'hours', icon: '⏱' },
  { to: '/m/volunteer/reflections', key: 'reflections', icon: '✍' },
  { to: '/m/volunteer/showcase', key: 'showcase', icon: '🌟' },
] as const;

/**
 * 志愿者首页 (`/m/volunteer`): six big tiles — find a project, my sign-ups, scan to check in, my
 * hours, my reflections, the showcase — and, when signed in, who I am, my hours and stars.
 */
export function VolunteerHomePage() {
  const { t } = useTranslation();
  const { state } = useSessionState();
  return (
    <VolunteerShell title={t('volunteerMobile.homeTitle')}>
      <h1>{t('volunteerMobile.homeTitle')}</h1>
      {state.status === 'signedIn' ? <Me /> : <SignedOut />}
      <nav aria-label={t('volunteerMobile.homeTitle')}>
        <ul className="linli-m-tiles">
          {tiles.map((tile) => (
            <li key={tile.key}>
              <Link to={tile.to} className="linli-m-tile">
                <span aria-hidden className="linli-m-tile-icon">
                  {tile.icon}
                </span>
                {t(`volunteerMobile.tile.${tile.key}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    </VolunteerShell>
  );
}

function SignedOut() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <section className="linli-m-section">
      <p>{t('volunteerMobile.signedOutIntro')}</p>
      <Button block color="primary" size="large" onClick={() => navigate('/sign-in?next=%2Fm%2Fvolunteer')}>
        {t('volunteerMobile.signIn')}
      </Button>
    </section>
  );
}

function Me() {
  const { t } = useTranslation();
  return (
    <SignedInVolunteer>
      {(_session, { me }) =>
        me ? (
          <section className="linli-m-section" aria-label={t('volunteerMobile.me')}>
            <strong style={{ fontSize: 19 }}>{me.name}</strong>
            <div>
              <StarLevel level={me.star.level} />
            </div>
            <div>{t('volunteerMobile.totalHours', { hours: me.confirmedHours })}</div>
          </section>
        ) : null
      }
    </SignedInVolunteer>
  );
}
