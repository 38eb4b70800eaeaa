import { Link } from 'wouter';
import { useT } from '../i18n/useT';
import { PageTitle } from './Page';

export function NotFound({ message }: { message?: string }) {
  const t = useT();
  return (
    <section className="stack">
      <PageTitle title={t('notFound.title')}>{t('notFound.title')}</PageTitle>
      <p>{message ?? t('notFound.body')}</p>
      <p>
        <Link href="/">{t('notFound.back')}</Link>
      </p>
    </section>
  );
}
