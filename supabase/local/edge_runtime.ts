// LOCAL ONLY: preloaded into every function process (deno run --preload). Supabase's edge runtime
// provides EdgeRuntime.waitUntil; here background work simply runs to completion. No imports, so it
// resolves under any function's own deno.json.
(globalThis as Record<string, unknown>).EdgeRuntime ??= {
  waitUntil: (p: Promise<unknown>) => p.catch(console.error),
};
