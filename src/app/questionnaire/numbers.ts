/** A number as a person types it: "72,5", "72.5", "-3", " 80 ". Null when it is not one. */
export function parseLocaleNumber(text: string): number | null {
  const normalised = text.trim().replace(/\s/g, '').replace(',', '.');
  if (!/^-?(\d+(\.\d*)?|\.\d+)$/.test(normalised)) return null;
  const value = Number(normalised);
  return Number.isFinite(value) ? value : null;
}

/** A stored number shown back with the decimal separator of the interface language. */
export function formatLocaleNumber(value: number, language: string): string {
  const text = String(value);
  return language === 'en' ? text : text.replace('.', ',');
}
