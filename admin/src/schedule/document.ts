// The calendar document of sla.get_schedule / sla.set_schedule. The form edits it as it is (pickers give
// well-formed times and dates); here only what a person can get wrong by picking: an interval that ends
// before it starts or overlaps the next. The database names every other problem.

export type Interval = [string, string];
export type ScheduleDocument = {
    timezone: string;
    is_24x7: boolean;
    week: Record<string, Interval[]>;
    holidays: string[];
    workdays: Record<string, Interval[]>;
    // Day kinds of a production calendar: a weekend date that works like an ISO weekday, and
    // pre-holiday dates one hour shorter. Optional: a document saved before they existed lacks them.
    transfers?: Record<string, number>;
    short_days?: string[];
};
// One day of sla.week_ahead: its kind says why it has these hours.
export type DayAhead = { date: string; weekday: number; kind: string; intervals: Interval[] };
// public.get_chat_schedule's answer.
export type ChatSchedule = {
    chat_id: number | null;
    inherited: boolean;
    schedule: ScheduleDocument;
    week_ahead: DayAhead[];
};

// Weekdays are flat fields (day1 … day7): a numeric path segment would make react-hook-form build an array.
export type ScheduleForm = Omit<ScheduleDocument, 'week'> & { [day: `day${string}`]: Interval[] };

export const WEEKDAYS = ['1', '2', '3', '4', '5', '6', '7'];

export const toForm = (doc: ScheduleDocument): ScheduleForm => ({
    ...doc,
    transfers: doc.transfers ?? {},
    short_days: doc.short_days ?? [],
    ...Object.fromEntries(WEEKDAYS.map(day => [`day${day}`, doc.week[day] ?? []])),
});

export const toDocument = (form: ScheduleForm): ScheduleDocument => ({
    timezone: form.timezone.trim(),
    is_24x7: Boolean(form.is_24x7),
    week: Object.fromEntries(WEEKDAYS.map(day => [day, form[`day${day}`] ?? []])),
    holidays: form.holidays ?? [],
    workdays: form.workdays ?? {},
    transfers: form.transfers ?? {},
    short_days: form.short_days ?? [],
});

// "24:00" (midnight at the end of the day) is a valid end; a time picker shows it as 00:00.
const minutes = (time: string) => (time === '24:00' ? 1440 : Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5)));

// A react-admin validator of one day's intervals: each is filled, ends after it starts, and starts after the
// previous one ends.
export const validateIntervals = (intervals: Interval[] | undefined) => {
    const list = intervals ?? [];
    if (list.some(([from, to]) => !from || !to)) return 'buhbot.schedule.interval_empty';
    if (list.some(([from, to]) => minutes(to) <= minutes(from))) return 'buhbot.schedule.interval_backwards';
    const sorted = [...list].sort((a, b) => minutes(a[0]) - minutes(b[0]));
    if (sorted.some(([from], i) => i > 0 && minutes(from) < minutes(sorted[i - 1][1]))) {
        return 'buhbot.schedule.interval_overlap';
    }
    return undefined;
};

export const russianDate = (date: string) => date.split('-').reverse().join('.');
