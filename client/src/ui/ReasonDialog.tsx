import { useId, useState, type FormEvent } from 'react';
import type { ReasonTemplate } from '@parley/shared';
import { useUiLang } from '../i18n/I18nProvider';
import { pickLocalized } from '../i18n/localized';
import { useT } from '../i18n/useT';
import { Dialog } from './Dialog';
import './reason-dialog.css';

export interface ReasonChoice {
  reason: string | null;
  templateId: string | null;
}

const OWN = '__own';

/**
 * Asks a moderator why (reject, hide, bulk reject): one of the space's reason templates, each
 * shown in the moderator's language (the author will read it in theirs), or their own words.
 * Templates come first: one tap with a thumb, no typing on a phone keyboard.
 */
export function ReasonDialog({
  open,
  title,
  confirmLabel,
  templates,
  spaceLanguages,
  onClose,
  onConfirm,
}: {
  open: boolean;
  title: string;
  confirmLabel: string;
  templates: readonly ReasonTemplate[];
  spaceLanguages: readonly string[];
  onClose: () => void;
  onConfirm: (choice: ReasonChoice) => void;
}) {
  const t = useT();
  const { lang } = useUiLang();
  const id = useId();
  const [picked, setPicked] = useState<string>(templates.length > 0 ? '' : OWN);
  const [text, setText] = useState('');
  const [missing, setMissing] = useState(false);
  const own = picked === OWN;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (picked === '' || (own && text.trim() === '')) {
      setMissing(true);
      return;
    }
    onConfirm(own ? { reason: text.trim(), templateId: null } : { reason: null, templateId: picked });
    setText('');
    setPicked(templates.length > 0 ? '' : OWN);
    setMissing(false);
  };

  return (
    <Dialog title={title} open={open} onClose={onClose}>
      <form className="form reason-form" onSubmit={submit} noValidate>
        {templates.length > 0 && (
          <fieldset className="reason-form__choices" aria-describedby={`${id}-help`}>
            <legend className="reason-form__legend">{t('reason.choose')}</legend>
            {templates.map((template) => {
              const shown = pickLocalized(template.text, lang, spaceLanguages);
              return (
                <label key={template.id} className="reason-form__choice">
                  <input
                    type="radio"
                    name={`${id}-reason`}
                    value={template.id}
                    checked={picked === template.id}
                    onChange={() => {
                      setPicked(template.id);
                      setMissing(false);
                    }}
                  />
                  <span dir="auto" lang={shown.lang}>
                    {shown.text}
                  </span>
                </label>
              );
            })}
            <label className="reason-form__choice">
              <input
                type="radio"
                name={`${id}-reason`}
                value={OWN}
                checked={own}
                onChange={() => {
                  setPicked(OWN);
                  setMissing(false);
                }}
              />
              <span>{t('reason.own')}</span>
            </label>
          </fieldset>
        )}
        {own && (
          <div className="field">
            <label htmlFor={`${id}-text`}>{t('reason.text')}</label>
            <textarea
              id={`${id}-text`}
              rows={3}
              required
              maxLength={2_000}
              autoFocus={templates.length > 0}
              aria-invalid={missing}
              aria-describedby={`${id}-help`}
              value={text}
              onChange={(e) => {
                setText(e.target.value);
                setMissing(false);
              }}
            />
          </div>
        )}
        <p
          id={`${id}-help`}
          className={missing ? 'form__error' : 'field__help'}
          role={missing ? 'alert' : undefined}
        >
          {t(missing ? 'reason.missing' : 'reason.help')}
        </p>
        <div className="dialog__buttons">
          <button type="button" className="button button--quiet" onClick={onClose}>
            {t('reason.cancel')}
          </button>
          <button type="submit" className="button button--danger">
            {confirmLabel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
