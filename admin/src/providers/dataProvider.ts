import { supabaseDataProvider } from 'ra-supabase';
import { supabase, supabaseAnonKey, supabaseUrl } from './supabase';

export const dataProvider = supabaseDataProvider({
    instanceUrl: supabaseUrl,
    apiKey: supabaseAnonKey,
    supabaseClient: supabase,
    // Tables without an `id` column; react-admin gets a JSON-encoded compound id for them.
    primaryKeys: new Map([['chat_staff', ['chat_id', 'telegram_user_id']]]),
});
