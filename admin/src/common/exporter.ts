import { downloadCSV, type DataProvider, type Exporter, type RaRecord } from 'react-admin';
import { i18nProvider } from '../i18n';
import { callRpc } from '../providers/rpc';
import { toCsv } from './csv';
import { exportColumns, type ExportColumn } from './exportColumns';

const translate = (key: string) => i18nProvider.translate(key);

// Times in CSV files are the firm's local time (public.firm_timezone), as «05.12.2026 14:30»: a file is
// read in the office, whatever timezone the browser that downloaded it was in.
export const firmTime = (value: unknown, timeZone: string) =>
    value == null
        ? ''
        : new Intl.DateTimeFormat('ru-RU', {
              timeZone,
              day: '2-digit',
              month: '2-digit',
              year: 'numeric',
              hour: '2-digit',
              minute: '2-digit',
              hourCycle: 'h23',
          })
              .format(new Date(String(value)))
              .replace(', ', ' ');

type Lookups = { timeZone: string; chats: Map<unknown, string>; people: Map<unknown, string> };

const ids = (records: RaRecord[], columns: ExportColumn[], kind: ExportColumn['kind']) => [
    ...new Set(
        columns
            .filter(column => column.kind === kind)
            .flatMap(column => records.map(record => record[column.source]))
            .filter(id => id != null),
    ),
];

const lookups = async (records: RaRecord[], columns: ExportColumn[], dataProvider: DataProvider): Promise<Lookups> => {
    const chatIds = ids(records, columns, 'chat');
    const personIds = ids(records, columns, 'person');
    const [timeZone, chats, people] = await Promise.all([
        callRpc<string>('firm_timezone'),
        chatIds.length ? dataProvider.getMany('chats', { ids: chatIds }).then(({ data }) => data) : [],
        personIds.length ? callRpc<{ telegram_user_id: number; name: string }[]>('person_names', { p_telegram_ids: personIds }) : [],
    ]);
    return {
        timeZone,
        chats: new Map(chats.map(chat => [chat.id, chat.title])),
        people: new Map(people.map(person => [person.telegram_user_id, person.name])),
    };
};

const human = (column: ExportColumn, value: unknown, { timeZone, chats, people }: Lookups): unknown => {
    if (value == null || value === '') return value;
    if (column.choices) return translate(`buhbot.${column.choices}.${value}`);
    switch (column.kind) {
        case 'time':
            return firmTime(value, timeZone);
        case 'chat':
            return chats.get(value) ?? value;
        case 'person':
            return people.get(value) ?? value;
        case 'yes_no':
            return translate(value ? 'buhbot.export.yes' : 'buhbot.export.no');
        case 'minutes':
            return Math.floor(Number(value) / 60);
    }
    return Array.isArray(value) ? value.join(', ') : value;
};

/** Saves a table as «<name>.csv» (see csv.ts for the format). */
export const downloadTable = (name: string, header: string[], rows: unknown[][]) => downloadCSV(toCsv(header, rows), name);

// The one exporter of every <List>: the resource's columns (exportColumns.ts) as human values. The data
// provider hands it every row matching the list's filters and sort (dataProvider.ts reads an export page by
// page), through RLS like the list itself.
export const csvExporter: Exporter = async (records, _fetchRelated, dataProvider, resource = 'export') => {
    const columns = exportColumns[resource] ?? Object.keys(records[0] ?? {}).map(source => ({ source }));
    const found = await lookups(records, columns, dataProvider);
    downloadTable(
        translate(`resources.${resource}.name`).split('||||').pop()!.trim(),
        columns.map(column => translate(column.header ?? `resources.${resource}.fields.${column.source}`)),
        records.map(record => columns.map(column => human(column, record[column.source], found))),
    );
};
