/** One CSV field (RFC 4180); a leading =, +, - or @ is quoted away so spreadsheets never run it as a formula. */
function field(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = Array.isArray(value) ? value.join(';') : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A header row of the columns, then one row per item. */
export function toCsv(columns: readonly string[], items: readonly Record<string, unknown>[]): string {
  const rows = [
    columns.map(field).join(','),
    ...items.map((item) => columns.map((c) => field(item[c])).join(',')),
  ];
  return `${rows.join('\r\n')}\r\n`;
}
