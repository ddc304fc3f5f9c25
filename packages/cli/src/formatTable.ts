/**
 * A plain-text table: a header line, then one line per row, columns padded to their widest cell. Columns
 * listed in `alignRight` (numbers) are right-aligned.
 *
 * @example
 * formatTable(['queue', 'visible'], [['loans-dev-lending', '3']], { alignRight: [1] });
 */
export function formatTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  options: { alignRight?: readonly number[] } = {},
): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) =>
        options.alignRight?.includes(column) ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!),
      )
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}
