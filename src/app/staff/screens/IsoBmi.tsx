// A BMI's iso-BMI (IOTF) beside it, where the register gives one (a patient under 18 whose enrolment
// holds birth month and sex): "iso-BMI (IOTF) 17.7" in English, "iso-KMI (IOTF)" in bokmål and nynorsk.
import { useTranslation } from 'react-i18next';

export function IsoBmi({ value }: { value?: number | null | undefined }) {
  const { t } = useTranslation('staff');
  if (typeof value !== 'number') return null;
  return (
    <span className="iso-bmi">
      {' · '}
      {t('subject.isoBmi')} {value}
    </span>
  );
}
