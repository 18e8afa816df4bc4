import { createClient } from '@supabase/supabase-js';

// Set at build time (vite.config.ts refuses to build without them). The browser holds only the anon key
// and the user's JWT, so every read and write is decided by RLS.
export const supabaseUrl = import.meta.env.VITE_SUPABASE_URL;
export const supabaseAnonKey = import.meta.env.VITE_SUPABASE_ANON_KEY;

export const supabase = createClient(supabaseUrl, supabaseAnonKey);
