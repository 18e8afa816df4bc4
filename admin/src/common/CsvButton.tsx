import DownloadIcon from '@mui/icons-material/GetApp';
import { Button } from '@mui/material';
import { useNotify, useTranslate } from 'react-admin';
import { callRpc } from '../providers/rpc';
import { downloadTable } from './exporter';

/** The rows of a report's file for the firm's timezone: those it holds, or fetched when a report shows a page. */
export type CsvRows = (timeZone: string) => unknown[][] | Promise<unknown[][]>;

// «Скачать CSV» of a report table: every row it has (not only those shown), times in the firm's timezone.
export const CsvButton = ({ name, header, rows }: { name: string; header: string[]; rows?: CsvRows }) => {
    const translate = useTranslate();
    const notify = useNotify();
    const download = async () => {
        try {
            downloadTable(name, header, await rows!(await callRpc<string>('firm_timezone')));
        } catch {
            notify('ra.notification.http_error', { type: 'error' });
        }
    };
    return (
        <Button size="small" startIcon={<DownloadIcon />} disabled={!rows} onClick={download}>
            {translate('buhbot.export.download')}
        </Button>
    );
};
