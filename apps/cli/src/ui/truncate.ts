// Widths are counted in code points: every character the UI prints (ASCII, box symbols, `…`) is one
// column wide. Names are file stems, so wide (CJK) characters are rare; they may overflow by a column.

/**
 * Cuts `text` to `width` columns, ending with `…` when something was cut.
 *
 * @example
 * truncate('create_users_table', 8) // 'create_…'
 */
export function truncate(text: string, width: number): string {
  const chars = [...text];
  if (width <= 0) return '';
  if (chars.length <= width) return text;
  return `${chars.slice(0, width - 1).join('')}…`;
}

/**
 * Cuts `text` to `width` columns from the start, keeping the end (file names in paths).
 *
 * @example
 * truncateStart('/srv/app/backups/app.db.bak', 12) // '…app.db.bak'
 */
export function truncateStart(text: string, width: number): string {
  const chars = [...text];
  if (width <= 0) return '';
  if (chars.length <= width) return text;
  return `…${chars.slice(chars.length - width + 1).join('')}`;
}

/**
 * Truncates then pads `text` to exactly `width` columns.
 *
 * @example
 * fitCell('abc', 5) // 'abc  '
 * fitCell('42', 5, 'right') // '   42'
 */
export function fitCell(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  const cut = truncate(text, width);
  const pad = ' '.repeat(Math.max(0, width - [...cut].length));
  return align === 'left' ? cut + pad : pad + cut;
}

/**
 * Packs segments into lines no wider than `width`, joined by `separator`; a segment wider than a
 * line is truncated.
 *
 * @example
 * packSegments(['m migrate', 'q quit'], 12, '  ') // ['m migrate', 'q quit']
 */
export function packSegments(segments: readonly string[], width: number, separator = '  '): string[] {
  return packGroups(segments, width, [...separator].length).map((group) => group.join(separator));
}

/**
 * Groups segments into lines no wider than `width` when joined by a separator of `separatorWidth`
 * columns; a segment wider than a line is truncated and gets a line of its own.
 *
 * @example
 * packGroups(['aaa', 'bbb', 'cc'], 7, 1) // [['aaa', 'bbb'], ['cc']]
 */
export function packGroups(segments: readonly string[], width: number, separatorWidth: number): string[][] {
  const lines: string[][] = [];
  let line: string[] = [];
  let used = 0;
  for (const segment of segments) {
    const length = [...segment].length;
    if (line.length > 0 && used + separatorWidth + length <= width) {
      line.push(segment);
      used += separatorWidth + length;
      continue;
    }
    if (line.length > 0) lines.push(line);
    const cut = truncate(segment, width);
    line = [cut];
    used = [...cut].length;
  }
  if (line.length > 0) lines.push(line);
  return lines;
}
