/** Text made safe for HTML. */
export const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

const show = (value: number | string | null | undefined) =>
  value === null || value === undefined
    ? '–'
    : typeof value === 'number'
      ? String(Number(value.toPrecision(6)))
      : value;

/** One table row: numbers to 6 significant digits, missing values as '–', text escaped. */
export const row = (cells: readonly (number | string | null | undefined)[], tag = 'td') =>
  `<tr>${cells.map((c) => `<${tag}>${escapeHtml(show(c))}</${tag}>`).join('')}</tr>`;
