// Dates and times on the Norwegian calendar (Europe/Oslo), without a time-zone library: the offset
// from UTC at an instant comes from Intl.DateTimeFormat, which is part of ECMAScript and carries
// the IANA rules. Days and months are counted on local dates, so "12 months after discharge" and a
// window that opens "at 00:00" mean the same on the days daylight saving begins and ends.

export interface LocalDate {
  year: number;
  /** 1–12 */
  month: number;
  /** 1–31 */
  day: number;
}

export interface LocalTime {
  hour: number;
  minute: number;
}

export const osloTimeZone = 'Europe/Oslo';

// Immutable once made; made once because building a formatter is slow.
const osloFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: osloTimeZone,
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});

const dayMs = 86_400_000;

/** The wall-clock fields in Oslo at an instant. */
export function osloFields(instant: Date): LocalDate & LocalTime & { second: number } {
  const fields: Record<string, number> = {};
  for (const part of osloFormat.formatToParts(instant)) if (part.type !== 'literal') fields[part.type] = Number(part.value);
  return {
    year: fields.year ?? NaN,
    month: fields.month ?? NaN,
    day: fields.day ?? NaN,
    hour: fields.hour ?? NaN,
    minute: fields.minute ?? NaN,
    second: fields.second ?? NaN,
  };
}

/** Oslo's offset from UTC at an instant, in milliseconds: one hour in winter, two in summer. */
export function osloOffsetMs(instant: number): number {
  const f = osloFields(new Date(instant));
  const wall = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second);
  return wall - Math.floor(instant / 1000) * 1000;
}

/** The date in Oslo at an instant. */
export function osloDateOf(instant: Date): LocalDate {
  const { year, month, day } = osloFields(instant);
  return { year, month, day };
}

/**
 * The instant a wall-clock time on a date is reached in Oslo. A time that does not exist (02:30 on
 * the day summer time begins) is taken as the same time in the offset before the change, which
 * lands an hour later on the clock; a time that comes twice is taken the first time. Midnight
 * always exists once: Norway changes its clocks at 02:00 and 03:00.
 */
export function osloInstant(date: LocalDate, time: LocalTime = { hour: 0, minute: 0 }): Date {
  const wall = Date.UTC(date.year, date.month - 1, date.day, time.hour, time.minute);
  // The offsets a day either side: the same but on the days the clocks change.
  const before = osloOffsetMs(wall - dayMs);
  const after = osloOffsetMs(wall + dayMs);
  const readings = [wall - Math.max(before, after), wall - Math.min(before, after)].filter((t) => t + osloOffsetMs(t) === wall);
  return new Date(readings[0] ?? wall - before);
}

/** The instant the day begins in Oslo (00:00). */
export const osloStartOfDay = (date: LocalDate): Date => osloInstant(date);

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

const fromUtcDays = (days: number): LocalDate => {
  const d = new Date(days * dayMs);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
};

/** Days since 1970-01-01 of a calendar date: for counting days, never for instants. */
export const dayNumber = (date: LocalDate): number => Date.UTC(date.year, date.month - 1, date.day) / dayMs;

export function addDays(date: LocalDate, days: number): LocalDate {
  return fromUtcDays(dayNumber(date) + days);
}

/** Whole months later (or earlier when negative); the 31st becomes the month's last day when it has fewer. */
export function addMonths(date: LocalDate, months: number): LocalDate {
  const index = date.year * 12 + (date.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return { year, month, day: Math.min(date.day, daysInMonth(year, month)) };
}

export const compareDates = (a: LocalDate, b: LocalDate): number => dayNumber(a) - dayNumber(b);

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** `2027-03-28` */
export const formatDate = (date: LocalDate): string => `${pad(date.year, 4)}-${pad(date.month)}-${pad(date.day)}`;

/** `2027-03-28 10:00`: an instant as Oslo's clock shows it. */
export function formatOsloDateTime(instant: Date): string {
  const f = osloFields(instant);
  return `${formatDate(f)} ${pad(f.hour)}:${pad(f.minute)}`;
}

/** A `YYYY-MM-DD` text as a date, when it is one that exists. */
export function parseDate(text: string): LocalDate | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return undefined;
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  return date.month >= 1 && date.month <= 12 && date.day >= 1 && date.day <= daysInMonth(date.year, date.month) ? date : undefined;
}

/** `HH:MM` as a time of day. */
export function parseTime(text: string): LocalTime | undefined {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  return match ? { hour: Number(match[1]), minute: Number(match[2]) } : undefined;
}
