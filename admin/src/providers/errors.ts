import { HttpError } from 'react-admin';
import { i18nProvider } from '../i18n';

// The one place where what the server or the network says becomes what a person reads. The database stays
// the judge of what is valid; this only names its verdict in Russian and, where the verdict is about one
// input, says which (react-admin shows `body.errors[field]` next to that field). Raw messages go to the
// browser console in English and never onto the page.

type Raw = { code?: string; message?: string; status?: number };
export type Explained = { message: string; errors?: Record<string, string> };
type Rule = { test: RegExp; key: string; field?: (match: RegExpExecArray) => string };

const t = (key: string, args?: Record<string, unknown>) => i18nProvider.translate(`buhbot.error.${key}`, args);

// Check constraints named by hand; `<table>_<column>_check` ones name their column by themselves.
const CONSTRAINTS: Record<string, { field: string; key: string }> = {
    templates_known_variables: { field: 'body', key: 'template_variables' },
};

// Where a calendar error points: "week.3" is the Wednesday field of the schedule form, "workdays.<date>"
// its special-days field.
const scheduleField = (where: string) => (where.startsWith('week.') ? `day${where.slice(5)}` : where.split('.')[0]);
const SCHEDULE: Rule[] = [
    { test: /interval (\S+)-(\S+) in (\S+) must end after it starts/, key: 'interval_order', field: m => scheduleField(m[3]) },
    { test: /intervals (\S+)-(\S+) and (\S+)-(\S+) in (\S+) overlap/, key: 'interval_overlap', field: m => scheduleField(m[5]) },
    { test: /bad time "?([^"\s]*)"? in (\S+)/, key: 'bad_time', field: m => scheduleField(m[2]) },
    { test: /the week has no working hours/, key: 'no_hours', field: () => 'day1' },
    { test: /(\d{4}-\d{2}-\d{2}) is both a holiday and a (\w+)/, key: 'holiday_clash', field: () => 'holidays' },
    { test: /transfers\.(\S+) must be a weekday/, key: 'bad_transfer', field: () => 'transfers' },
    { test: /workdays\.(\S+) has no intervals/, key: 'empty_workday', field: () => 'workdays' },
    { test: /unknown timezone/, key: 'bad_timezone', field: () => 'timezone' },
];
const schedule = (message: string): Explained => {
    for (const rule of SCHEDULE) {
        const m = rule.test.exec(message);
        if (!m) continue;
        const text = t(`schedule.${rule.key}`, { 1: m[1], 2: m[2], 3: m[3], 4: m[4] });
        return { message: text, errors: rule.field ? { [rule.field(m)]: text } : undefined };
    }
    return { message: t('schedule.other') };
};

const checkViolation = (message: string): Explained => {
    const name = /constraint "([^"]+)"/.exec(message)?.[1] ?? '';
    const known = CONSTRAINTS[name];
    if (known) return { message: t(known.key), errors: { [known.field]: t(known.key) } };
    const column = /^[a-z]+_([a-z_]+)_check$/.exec(name)?.[1];
    return { message: t('bad_value'), errors: column ? { [column]: t('bad_value') } : undefined };
};

const byCode: Record<string, (message: string) => Explained> = {
    '23514': checkViolation,
    '23505': () => ({ message: t('duplicate') }),
    '23503': () => ({ message: t('missing_reference') }),
    '23502': () => ({ message: t('required') }),
    '22P02': () => ({ message: t('bad_format') }),
    '22023': message => (message.startsWith('schedule:') ? schedule(message) : { message: t('bad_value') }),
    '42501': () => ({ message: t('forbidden') }),
    '57014': () => ({ message: t('timeout') }),
    PGRST301: () => ({ message: t('session') }),
    PGRST303: () => ({ message: t('session') }),
};

/** What went wrong, for a person: a Russian message and, when it is about one input, that input's error. */
export function explain(error: unknown): Explained {
    const raw = (error ?? {}) as Raw & { body?: Raw };
    const code = raw.body?.code ?? raw.code ?? '';
    const message = raw.body?.message ?? raw.message ?? '';
    // The database writes some refusals for people already (a calendar file's wrong line): those are shown.
    if (/[А-Яа-яЁё]/.test(message)) return { message };
    const known = byCode[code];
    if (known) return known(message);
    // fetch() itself failed (no network, server down) or the gateway found nothing behind it.
    if (error instanceof TypeError || raw.status === 0 || (raw.status != null && raw.status >= 502 && raw.status <= 504)) {
        return { message: t('offline') };
    }
    if (raw.status === 401 || raw.status === 403) return { message: t('forbidden') };
    return { message: t('unknown') };
}

/** The error react-admin shows: a Russian notification, field errors beside their inputs, status kept for
 *  the auth provider's checkError. */
export function toHttpError(error: unknown): HttpError {
    if (error instanceof HttpError && error.body?.explained) return error;
    console.error('request failed:', error);
    const { message, errors } = explain(error);
    const status = (error as { status?: number })?.status ?? 0;
    return new HttpError(message, status, { explained: true, errors });
}
