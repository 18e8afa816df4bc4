import { useMutation, useQuery } from '@tanstack/react-query';
import { explain, type Explained } from './errors';
import { LIVE_REFRESH_MS } from './live';
import { supabase } from './supabase';

// PostgREST answers PGRST202 when a function is not in its schema cache, i.e. the migration that adds it
// is not deployed: widgets say so instead of failing or showing invented numbers.
export class RpcMissingError extends Error {
    constructor(readonly fn: string) {
        super(`public.${fn} is not deployed`);
    }
}

/** A failed call, already explained for a person: `errors` names the inputs it is about. */
export class RpcError extends Error {
    readonly errors?: Record<string, string>;
    constructor({ message, errors }: Explained) {
        super(message);
        this.errors = errors;
    }
}

export const callRpc = async <T>(fn: string, args: Record<string, unknown> = {}): Promise<T> => {
    // A failed fetch comes back as an error with status 0, a gateway without PostgREST as status 502.
    const { data, error, status } = await supabase.rpc(fn, args);
    if (error) {
        if (error.code === 'PGRST202') throw new RpcMissingError(fn);
        console.error(`rpc ${fn} failed:`, error);
        throw new RpcError(explain({ code: error.code, message: error.message, status }));
    }
    return data as T;
};

// `enabled: false` holds the call back while one of its arguments is still being fetched.
export const useRpc = <T>(fn: string, args: Record<string, unknown> = {}, { live = false, enabled = true } = {}) =>
    useQuery<T>({
        queryKey: ['rpc', fn, args],
        queryFn: () => callRpc<T>(fn, args),
        enabled,
        refetchInterval: live ? LIVE_REFRESH_MS : false,
        retry: (count, error) => !(error instanceof RpcMissingError) && count < 2,
    });

export const useRpcMutation = <T, A extends Record<string, unknown>>(fn: string) =>
    useMutation<T, Error, A>({ mutationFn: args => callRpc<T>(fn, args) });
