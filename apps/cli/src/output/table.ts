/**
 * Lays out rows as left-aligned columns separated by two spaces, without trailing blanks. Cells may
 * carry colour codes: widths are measured on the visible text.
 *
 * @example
 * table([['VERSION', 'NAME'], ['001', 'initial']]) // ['VERSION  NAME', '001      initial']
 */
export function table(rows: readonly (readonly string[])[], indent = ''): string[] {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: ESC starts the colour codes to skip.
  const visible = (cell: string): number => cell.replace(/\u001b\[\d+m/g, '').length;
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, column) => {
      widths[column] = Math.max(widths[column] ?? 0, visible(cell));
    });
  }
  return rows.map((row) =>
    `${indent}${row.map((cell, column) => cell + ' '.repeat((widths[column] ?? 0) - visible(cell))).join('  ')}`.trimEnd(),
  );
}
