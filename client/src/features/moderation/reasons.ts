import { AUTO_REASONS, type Moderation, type Post, type Space } from '@parley/shared';
import { useUiLang } from '../../i18n/I18nProvider';
import { pickLocalized } from '../../i18n/localized';
import { useT } from '../../i18n/useT';

/** Why, as a moderator reads it: the template in their language, the server's own rows translated. */
export function useReasonOf(m: Moderation, space: Space | undefined, post: Post | undefined): string | null {
  const t = useT();
  const { lang } = useUiLang();
  if (m.reasonTemplateId === AUTO_REASONS.onBehalf)
    return t('moderation.auto.onBehalf', { name: post?.onBehalfOf ?? '…' });
  if (m.reasonTemplateId === AUTO_REASONS.ownPost) return t('moderation.auto.ownPost');
  const template = m.reasonTemplateId
    ? space?.reasonTemplates.find((x) => x.id === m.reasonTemplateId)
    : undefined;
  if (template) return pickLocalized(template.text, lang, space?.languages ?? []).text || m.reason;
  return m.reason;
}
