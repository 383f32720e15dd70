import { Button } from 'antd-mobile';
import {
  ClockCircleOutline,
  EditSOutline,
  FileOutline,
  ScanningOutline,
  SearchOutline,
  StarOutline,
  UnorderedListOutline,
} from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useSessionState } from '../../app/session';
import { StarLevel } from './star-level';
import { SignedInVolunteer, VolunteerShell } from './volunteer-shell';

const tiles = [
  { to: '/m/volunteer/projects', key: 'projects', Icon: SearchOutline },
  { to: '/m/volunteer/signups', key: 'signups', Icon: UnorderedListOutline },
  { to: '/m/volunteer/scan', key: 'scan', Icon: ScanningOutline },
  { to: '/m/volunteer/hours', key: 'hours', Icon: ClockCircleOutline },
  { to: '/m/volunteer/certificates', key: 'certificates', Icon: FileOutline },
  { to: '/m/volunteer/reflections', key: 'reflections', Icon: EditSOutline },
  { to: '/m/volunteer/showcase', key: 'showcase', Icon: StarOutline },
] as const;

/**
 * 志愿者首页 (`/m/volunteer`): seven big tiles — find a project, my sign-ups, scan to check in, my
 * hours, my certificates, my reflections, the showcase — and, when signed in, who I am, my hours and stars.
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
                <tile.Icon aria-hidden className="linli-m-tile-icon" />
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
