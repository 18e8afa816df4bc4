// CSV for every console list. Client names and texts are client-controlled: a cell that starts with
// =, +, -, @, a tab or a carriage return would run as a formula in Excel or LibreOffice, so it is
// prefixed with an apostrophe (shown as text, nothing runs). Pure functions: no React, no react-admin.
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: unknown): string {
    if (value === null || value === undefined) return '';
    const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
    const safe = FORMULA_START.test(text) ? `'${text}` : text;
    return /[",\n\r;]/.test(safe) || safe !== safe.trim() ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Rows of one list → CSV text: a header of every column seen, one line per row (CRLF, as RFC 4180). */
export function toCsv(rows: Record<string, unknown>[]): string {
    const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
    return [columns, ...rows.map((row) => columns.map((c) => row[c]))]
        .map((line) => line.map(csvCell).join(','))
        .join('\r\n');
}
