import { supabaseDataProvider } from 'ra-supabase';
import { withLifecycleCallbacks, type DataProvider, type GetListParams, type RaRecord } from 'react-admin';
import { toHttpError } from './errors';
import { supabase, supabaseAnonKey, supabaseUrl } from './supabase';

const postgrest = supabaseDataProvider({
    instanceUrl: supabaseUrl,
    apiKey: supabaseAnonKey,
    supabaseClient: supabase,
    // Tables without an `id` column; react-admin gets a JSON-encoded compound id for them.
    primaryKeys: new Map([['chat_staff', ['chat_id', 'telegram_user_id']]]),
});

// PostgREST answers at most max_rows (supabase/config.toml) rows a request. No list page is that long: a
// list asking for that many is an export (react-admin's export button asks for 1000), and it gets every row
// matching its filters and sort, read max_rows at a time.
const MAX_ROWS = 1000;

const allPages = (provider: DataProvider) => async <R extends RaRecord>(resource: string, params: GetListParams) => {
    const rows: R[] = [];
    for (let page = 1; ; page++) {
        const { data, total } = await provider.getList<R>(resource, { ...params, pagination: { page, perPage: MAX_ROWS } });
        rows.push(...data);
        if (data.length < MAX_ROWS || (total !== undefined && rows.length >= total)) return { data: rows, total: rows.length };
    }
};

// public.settings is one row keyed by the boolean `true`; react-admin compares a record's id with the one
// in the URL (the string "true"), so that row travels with a string id.
const stringId = async (record: RaRecord) => ({ ...record, id: String(record.id) });

// Requests and alerts are read as people read them: the views add the chat, the client, the question, the
// responsible accountant, who was notified and the working time left or late, computed at the server's clock.
const readViews: Record<string, string> = { requests: 'request_rows', alerts: 'alert_rows' };
const view = (resource: string) => readViews[resource] ?? resource;

const withReadViews = (provider: DataProvider): DataProvider => ({
    ...provider,
    getList: (resource, params) => provider.getList(view(resource), params),
    getOne: (resource, params) => provider.getOne(view(resource), params),
    getMany: (resource, params) => provider.getMany(view(resource), params),
    getManyReference: (resource, params) => provider.getManyReference(view(resource), params),
});

// A list asking for max_rows is an export: it gets every matching row.
const withExports = (provider: DataProvider): DataProvider => ({
    ...provider,
    getList: (resource, params) =>
        (params.pagination?.perPage ?? 0) >= MAX_ROWS ? allPages(provider)(resource, params) : provider.getList(resource, params),
});

const withRecords = withLifecycleCallbacks(withExports(withReadViews(postgrest)), [
    { resource: 'settings', afterRead: stringId, afterSave: stringId },
]);

// Every failure leaves the data provider as a Russian HttpError (field errors included), whatever the page.
export const dataProvider = new Proxy(withRecords, {
    get: (target, method: string) => {
        const value = target[method as keyof DataProvider];
        return typeof value === 'function'
            ? (...args: unknown[]) => Promise.resolve(value.apply(target, args)).catch(error => Promise.reject(toHttpError(error)))
            : value;
    },
}) as DataProvider;
