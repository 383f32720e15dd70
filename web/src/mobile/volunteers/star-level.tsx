import { useTranslation } from 'react-i18next';

/** ★★★☆☆ with the words for screen readers: the stars held out of five. */
export function StarLevel({ level }: { level: number }) {
  const { t } = useTranslation();
  return (
    <span className="linli-m-stars" role="img" aria-label={t('volunteerMobile.stars', { count: level })}>
      {[1, 2, 3, 4, 5].map((n) => (
        <span key={n} className={n <= level ? 'is-on' : undefined} aria-hidden>
          ★
        </span>
      ))}
    </span>
  );
}
