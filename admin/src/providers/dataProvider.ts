import { supabaseDataProvider } from 'ra-supabase';
import { withLifecycleCallbacks, type DataProvider, type GetListParams, type RaRecord } from 'react-admin';
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

const allPages: DataProvider['getList'] = async <R extends RaRecord>(resource: string, params: GetListParams) => {
    const rows: R[] = [];
    for (let page = 1; ; page++) {
        const { data, total } = await postgrest.getList<R>(resource, { ...params, pagination: { page, perPage: MAX_ROWS } });
        rows.push(...data);
        if (data.length < MAX_ROWS || (total !== undefined && rows.length >= total)) return { data: rows, total: rows.length };
    }
};

// public.settings is one row keyed by the boolean `true`; react-admin compares a record's id with the one
// in the URL (the string "true"), so that row travels with a string id.
const stringId = async (record: RaRecord) => ({ ...record, id: String(record.id) });

export const dataProvider = withLifecycleCallbacks(
    {
        ...postgrest,
        getList: (resource, params) =>
            (params.pagination?.perPage ?? 0) >= MAX_ROWS ? allPages(resource, params) : postgrest.getList(resource, params),
    },
    [{ resource: 'settings', afterRead: stringId, afterSave: stringId }],
);
