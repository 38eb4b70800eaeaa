import { useIntl } from 'react-intl';
import type { Space } from '@parley/shared';
import { useT } from '../i18n/useT';
import { LocalizedBlock } from '../ui/LocalizedText';
import './announcement.css';

/**
 * The space's pinned announcement (a moderator's written summary), at the top of the space, in
 * the reader's language or, marked "shown in …", the space's default.
 */
export function AnnouncementBanner({ space }: { space: Space }) {
  const t = useT();
  const intl = useIntl();
  const announcement = space.announcement;
  if (!announcement) return null;
  return (
    <section className="announcement" aria-labelledby="announcement-heading" data-testid="announcement">
      <h2 id="announcement-heading" className="announcement__heading">
        <span className="tag announcement__tag">{t('announcement.pinned')}</span> {t('announcement.heading')}
      </h2>
      <LocalizedBlock
        field={announcement.text}
        spaceLanguages={space.languages}
        className="announcement__text"
      />
      <p className="announcement__byline muted">
        {t('announcement.byline', {
          name: announcement.byName,
          when: intl.formatDate(announcement.publishedAt, { dateStyle: 'medium' }),
        })}
      </p>
    </section>
  );
}
