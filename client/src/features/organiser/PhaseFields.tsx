import { isTimeZone } from '@parley/shared';
import { useUiLang } from '../../i18n/I18nProvider';
import { useT } from '../../i18n/useT';
import { Field } from '../../ui/Field';
import { languageName } from './LanguagePicker';
import { LocalizedField } from './LocalizedField';
import type { PhaseForm, Problems } from './space-form';
import { offsetLabel, zonedToUtc } from './time-zone';

/**
 * One phase: its name in the language being edited, its opening and closing wall-clock times,
 * and the time zone they are in (the device's by default), with the zone's offset shown.
 */
export function PhaseFields({
  phase,
  index,
  editLang,
  problems,
  zoneListId,
  onChange,
  onRemove,
}: {
  phase: PhaseForm;
  index: number;
  editLang: string;
  problems: Problems;
  zoneListId: string;
  onChange: (phase: PhaseForm) => void;
  onRemove: () => void;
}) {
  const t = useT();
  const { lang: uiLang } = useUiLang();
  const number = index + 1;
  const problem = (field: string) => problems[`phases.${index}.${field}`];
  const zone = phase.timeZone.trim();
  const at = (phase.opens && isTimeZone(zone) && zonedToUtc(phase.opens, zone)) || new Date().toISOString();
  return (
    <fieldset className="phase-form">
      <legend>{t('organiser.phase.legend', { number })}</legend>
      <LocalizedField
        label={t('organiser.phase.name', { language: languageName(editLang, uiLang) })}
        problem={problem('name')}
        lang={editLang}
        value={phase.name}
        onChange={(name) => onChange({ ...phase, name })}
      />
      <div className="phase-form__dates">
        <Field label={t('organiser.phase.opens')} problem={problem('opens')}>
          {(a11y) => (
            <input
              {...a11y}
              type="datetime-local"
              value={phase.opens}
              onChange={(e) => onChange({ ...phase, opens: e.target.value })}
            />
          )}
        </Field>
        <Field label={t('organiser.phase.closes')} problem={problem('closes')}>
          {(a11y) => (
            <input
              {...a11y}
              type="datetime-local"
              value={phase.closes}
              onChange={(e) => onChange({ ...phase, closes: e.target.value })}
            />
          )}
        </Field>
      </div>
      <Field
        label={t('organiser.phase.timeZone')}
        help={
          isTimeZone(zone)
            ? t('organiser.phase.timeZoneHelp', { offset: offsetLabel(Date.parse(at), zone) })
            : t('organiser.phase.timeZoneExample')
        }
        problem={problem('timeZone')}
      >
        {(a11y) => (
          <input
            {...a11y}
            type="text"
            dir="ltr"
            list={zoneListId}
            autoComplete="off"
            autoCapitalize="off"
            spellCheck={false}
            value={phase.timeZone}
            onChange={(e) => onChange({ ...phase, timeZone: e.target.value })}
          />
        )}
      </Field>
      <button type="button" className="button button--danger-quiet" onClick={onRemove}>
        {t('organiser.phase.remove', { number })}
      </button>
    </fieldset>
  );
}
