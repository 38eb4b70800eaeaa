import { useId, useMemo, useState } from 'react';
import { useMyPosts, useSpacesById } from '../db/queries';
import { useUiLang } from '../i18n/I18nProvider';
import { useT } from '../i18n/useT';
import { PasswordField } from '../ui/PasswordField';
import { groupByPolicy, listOf } from './deletion-policies';

interface Props {
  meId: string;
  busy: boolean;
  error: null | 'delete' | 'password';
  onDelete: (password: string, removePosts: boolean) => void;
}

/**
 * Settings → Your account → Delete: says in plain words what becomes of the person's posts in
 * each space (each space's policy decides), offers the choice where a space leaves it to them,
 * and asks for the password.
 */
export function DeleteAccountForm({ meId, busy, error, onDelete }: Props) {
  const t = useT();
  const { lang } = useUiLang();
  const id = useId();
  const [password, setPassword] = useState('');
  const [removePosts, setRemovePosts] = useState(false);
  const posts = useMyPosts(meId);
  const spaces = useSpacesById();
  const groups = useMemo(() => groupByPolicy(posts ?? [], spaces ?? new Map(), lang), [posts, spaces, lang]);
  const choosing = groups['author-chooses'].length > 0;

  return (
    <form
      className="setting"
      onSubmit={(e) => {
        e.preventDefault();
        onDelete(password, choosing && removePosts);
      }}
    >
      <p id={`${id}-delete-help`} className="muted setting__help">
        {t('account.deleteHelp')}
      </p>
      <ul id={`${id}-policies`} className="account__policies">
        {groups.keep.length > 0 && (
          <li>{t('account.deletePolicyKeep', { spaces: listOf(groups.keep, lang) })}</li>
        )}
        {groups.remove.length > 0 && (
          <li>{t('account.deletePolicyRemove', { spaces: listOf(groups.remove, lang) })}</li>
        )}
        {choosing && (
          <li>{t('account.deletePolicyChoose', { spaces: listOf(groups['author-chooses'], lang) })}</li>
        )}
      </ul>
      {choosing && (
        <fieldset className="account__choice">
          <legend>{t('account.deleteChoiceLegend')}</legend>
          <label className="checkbox">
            <input
              type="radio"
              name={`${id}-posts`}
              checked={!removePosts}
              onChange={() => setRemovePosts(false)}
            />
            <span>{t('account.deleteChoiceKeep')}</span>
          </label>
          <label className="checkbox">
            <input
              type="radio"
              name={`${id}-posts`}
              checked={removePosts}
              onChange={() => setRemovePosts(true)}
            />
            <span>{t('account.deleteChoiceRemove')}</span>
          </label>
        </fieldset>
      )}
      <PasswordField
        label={t('account.deletePassword')}
        purpose="current"
        className="account__password"
        describedBy={`${id}-delete-help ${id}-policies`}
        value={password}
        onChange={setPassword}
      />
      <button type="submit" className="button button--danger" disabled={busy || password === ''}>
        {t('account.deleteButton')}
      </button>
      {error && (
        <p role="alert" className="form__error">
          {t(error === 'password' ? 'account.wrongPassword' : 'account.offlineFailed')}
        </p>
      )}
    </form>
  );
}
