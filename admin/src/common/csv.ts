// CSV for every console download, as Excel opens it in a Russian locale: `;` between cells, CRLF between
// lines, a BOM so Cyrillic is read as UTF-8. Client names and texts are client-controlled: a cell that
// starts with =, +, -, @, a tab or a carriage return would run as a formula in Excel or LibreOffice, so it
// is prefixed with an apostrophe (shown as text, nothing runs). Fractions get a decimal comma, as a Russian
// Excel reads numbers. Pure functions: no React, no react-admin.
const FORMULA_START = /^[=+\-@\t\r]/;
const SEPARATOR = ';';

export function csvCell(value: unknown): string {
    if (value === null || value === undefined) return '';
    if (typeof value === 'number') return String(value).replace('.', ',');
    const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
    const safe = FORMULA_START.test(text) ? `'${text}` : text;
    return /[";\n\r]/.test(safe) || safe !== safe.trim() ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A header line and one line per row, ready to save as a .csv file. */
export function toCsv(header: string[], rows: unknown[][]): string {
    return '\uFEFF' + [header, ...rows].map((line) => line.map(csvCell).join(SEPARATOR)).join('\r\n');
}
