import { defineConfig, loadEnv } from 'vite';
import react from '@vitejs/plugin-react';

// The browser only ever holds the public API URL and a public key — the legacy anon JWT or the new
// publishable key (sb_publishable_…): RLS decides everything else.

export default defineConfig(({ mode, isPreview }) => {
    // `vite preview` only serves an existing build; building or developing without the API is a mistake.
    if (!isPreview) {
        const env = loadEnv(mode, new URL('.', import.meta.url).pathname, 'VITE_');
        const missing = [
            !env.VITE_SUPABASE_URL && 'VITE_SUPABASE_URL',
            !env.VITE_SUPABASE_PUBLISHABLE_KEY && !env.VITE_SUPABASE_ANON_KEY &&
                'VITE_SUPABASE_PUBLISHABLE_KEY (or the legacy VITE_SUPABASE_ANON_KEY)',
        ].filter(Boolean);
        if (missing.length > 0) {
            throw new Error(
                `${missing.join(' and ')} must be set (scripts/stack.sh passes SUPABASE_URL and SUPABASE_ANON_KEY)`
            );
        }
    }
    return {
        plugins: [react()],
        // One bundle for an internal tool is fine; react-admin + MUI alone are ~1.3 MB.
        build: { chunkSizeWarningLimit: 2000 },
    };
});
