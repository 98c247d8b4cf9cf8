// The settings a unit may choose at enrolment (such as the interval between KVARUS measurement
// points): a number and a unit each, starting at the plan's default, with the default and the bounds
// said beside it.
import { useTranslation } from 'react-i18next';
import type { PublishedPlan } from '../contract-shapes.js';
import { spanText, spanUnits, type SpanUnit } from './EnrolmentParts.js';
import { named } from './EnrolmentPlans.js';

export interface SettingValue {
  /** As typed. */
  amount: string;
  unit: SpanUnit;
  /** Changed from the plan's default: only those are sent, so the plan's default stays the default. */
  isChanged: boolean;
}

type PlanSetting = NonNullable<PublishedPlan['settings']>[number];

interface SettingFieldsProps {
  settings: readonly PlanSetting[];
  values: Record<string, SettingValue>;
  problems: Partial<Record<string, string>>;
  onChange: (id: string, value: SettingValue) => void;
}

export function SettingFields({ settings, values, problems, onChange }: SettingFieldsProps) {
  const { t, i18n } = useTranslation('staff');
  return (
    <fieldset>
      <legend>{t('plans.enrol.settings')}</legend>
      {settings.map((setting) => {
        const value = values[setting.id] ?? { amount: '', unit: 'weeks', isChanged: true };
        const name = named(setting.name, i18n.language, setting.id);
        const id = `setting-${setting.id}`;
        const problem = problems[`setting.${setting.id}`];
        const described = `${id}-hint${problem ? ` ${id}-error` : ''}`;
        return (
          <div key={setting.id} className="field">
            <p className="setting-name" id={`${id}-name`}>
              {name}
            </p>
            <p className="hint" id={`${id}-hint`}>
              {t('plans.enrol.settingHint', {
                default: spanText(t, setting.default),
                min: spanText(t, setting.min),
                max: spanText(t, setting.max),
              })}
            </p>
            <div className="inline-form">
              <div>
                <label htmlFor={`${id}-amount`}>{t('plans.enrol.amount', { name })}</label>
                <input
                  id={`${id}-amount`}
                  inputMode="numeric"
                  value={value.amount}
                  aria-invalid={problem ? true : undefined}
                  aria-describedby={described}
                  onChange={(event) => onChange(setting.id, { ...value, amount: event.target.value, isChanged: true })}
                />
              </div>
              <div>
                <label htmlFor={`${id}-unit`}>{t('plans.enrol.spanUnit', { name })}</label>
                <select
                  id={`${id}-unit`}
                  value={value.unit}
                  onChange={(event) => {
                    const unit = spanUnits.find((candidate) => candidate === event.target.value);
                    if (unit) onChange(setting.id, { ...value, unit, isChanged: true });
                  }}
                >
                  {spanUnits.map((unit) => (
                    <option key={unit} value={unit}>
                      {t(`plans.enrol.units.${unit}`)}
                    </option>
                  ))}
                </select>
              </div>
            </div>
            {problem && (
              <p className="field-error" id={`${id}-error`}>
                {problem}
              </p>
            )}
          </div>
        );
      })}
    </fieldset>
  );
}
