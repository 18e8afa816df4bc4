// The calendar document of sla.get_schedule / sla.set_schedule and the plain-text form people edit it in.
// Only syntax is checked here; the database names every other problem.

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
// public.get_chat_schedule's answer.
export type ChatSchedule = { chat_id: number | null; inherited: boolean; schedule: ScheduleDocument };

// Weekdays are flat fields (day1 … day7): a numeric path segment would make react-hook-form build an array.
export type ScheduleForm = {
    timezone: string;
    is_24x7: boolean;
    holidays: string;
    workdays: string;
    transfers: string;
    short_days: string;
    [day: `day${string}`]: string;
};

export const WEEKDAYS = ['1', '2', '3', '4', '5', '6', '7'];

const INTERVAL = /^(\d{1,2}:\d{2})\s*[-–—]\s*(\d{1,2}:\d{2})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const pad = (time: string) => time.padStart(5, '0');
const items = (text: string | null | undefined, separator: RegExp) =>
    (text ?? '').split(separator).map(item => item.trim()).filter(Boolean);

export class ScheduleSyntaxError extends Error {}

const formatIntervals = (intervals: Interval[] = []) => intervals.map(([from, to]) => `${from}-${to}`).join(', ');

export const parseIntervals = (text: string | null | undefined): Interval[] =>
    items(text, /[,;]/).map(item => {
        const match = INTERVAL.exec(item);
        if (!match) throw new ScheduleSyntaxError(item);
        return [pad(match[1]), pad(match[2])];
    });

export const parseDates = (text: string | null | undefined): string[] =>
    items(text, /[\s,;]+/).map(date => {
        if (!DATE.test(date)) throw new ScheduleSyntaxError(date);
        return date;
    });

export const parseWorkdays = (text: string | null | undefined): Record<string, Interval[]> =>
    Object.fromEntries(
        items(text, /\n/).map(line => {
            const [date, ...intervals] = line.split(/\s+/);
            if (!DATE.test(date)) throw new ScheduleSyntaxError(line);
            return [date, parseIntervals(intervals.join(' '))];
        })
    );

// One line per date: "2025-11-01 1" (that Saturday works like a Monday).
export const parseTransfers = (text: string | null | undefined): Record<string, number> =>
    Object.fromEntries(
        items(text, /\n/).map(line => {
            const [date, weekday, ...rest] = line.split(/\s+/);
            if (!DATE.test(date) || !/^[1-7]$/.test(weekday ?? '') || rest.length > 0) throw new ScheduleSyntaxError(line);
            return [date, Number(weekday)];
        })
    );

export const toForm = (doc: ScheduleDocument): ScheduleForm => ({
    timezone: doc.timezone,
    is_24x7: doc.is_24x7,
    ...Object.fromEntries(WEEKDAYS.map(day => [`day${day}`, formatIntervals(doc.week[day])])),
    holidays: doc.holidays.join('\n'),
    workdays: Object.entries(doc.workdays)
        .map(([date, intervals]) => `${date} ${formatIntervals(intervals)}`)
        .join('\n'),
    transfers: Object.entries(doc.transfers ?? {})
        .map(([date, weekday]) => `${date} ${weekday}`)
        .join('\n'),
    short_days: (doc.short_days ?? []).join('\n'),
});

export const toDocument = (form: ScheduleForm): ScheduleDocument => ({
    timezone: form.timezone.trim(),
    is_24x7: Boolean(form.is_24x7),
    week: Object.fromEntries(WEEKDAYS.map(day => [day, parseIntervals(form[`day${day}`])])),
    holidays: parseDates(form.holidays),
    workdays: parseWorkdays(form.workdays),
    transfers: parseTransfers(form.transfers),
    short_days: parseDates(form.short_days),
});

// A react-admin validator from a parser: the offending piece is shown back to the user.
export const validateWith = (parse: (text: string) => unknown) => (text: string) => {
    try {
        parse(text);
        return undefined;
    } catch (error) {
        if (!(error instanceof ScheduleSyntaxError)) throw error;
        return { message: 'buhbot.schedule.bad_value', args: { value: error.message } };
    }
};
