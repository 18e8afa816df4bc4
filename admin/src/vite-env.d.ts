/// <reference types="vite/client" />

interface ImportMetaEnv {
    readonly VITE_SUPABASE_URL: string;
    // The local fake Bot API, only when the stack's bot talks to it (the sandbox is off otherwise).
    readonly VITE_SANDBOX_TELEGRAM_URL?: string;
    readonly VITE_SUPABASE_ANON_KEY: string;
}
