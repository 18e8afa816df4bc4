import { createClient } from '@supabase/supabase-js';

// Set at build time (vite.config.ts refuses to build without them). The browser holds only a public key
// (the new publishable key wins over the legacy anon JWT) and the user's JWT, so RLS decides everything.
export const supabaseUrl = import.meta.env.VITE_SUPABASE_URL;
export const supabaseAnonKey = (import.meta.env.VITE_SUPABASE_PUBLISHABLE_KEY || import.meta.env.VITE_SUPABASE_ANON_KEY)!;

// detectSessionInUrl off: an invitation or password-reset link lands on the console with the session in
// the URL fragment, and ra-supabase's checkAuth must see it to open the set-password page (supabase-js
// would otherwise take the session and clear the fragment first).
export const supabase = createClient(supabaseUrl, supabaseAnonKey, { auth: { detectSessionInUrl: false } });
