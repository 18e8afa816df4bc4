import { downloadCSV, type Exporter } from 'react-admin';
import { toCsv } from './csv';

// The one exporter of every <List>: formula-safe cells (see csv.ts), with a BOM so Excel reads Cyrillic.
export const csvExporter: Exporter = (records, _fetchRelated, _dataProvider, resource) =>
    downloadCSV('\uFEFF' + toCsv(records), resource ?? 'export');
