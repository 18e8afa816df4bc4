import { Alert } from '@mui/material';
import { useTranslate } from 'react-admin';
import { RpcMissingError } from '../providers/rpc';
import { LoadError } from './LoadError';

// How a widget says that its data could not be had: a function not deployed yet is information, not an error.
export const RpcProblem = ({ error }: { error: Error }) => {
    const translate = useTranslate();
    return error instanceof RpcMissingError ? (
        <Alert severity="info">{translate('buhbot.rpc.missing', { fn: `public.${error.fn}` })}</Alert>
    ) : (
        <LoadError error={error} />
    );
};
