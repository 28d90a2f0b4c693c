// Splits one CSV record, as cut by RecordSplitter, into its fields (RFC 4180: comma-separated, a field
// may be double-quoted, `""` inside quotes is a quote). Quotes inside an unquoted field are kept as
// literal characters, as spreadsheets write `5" screen`; the splitter follows the same rule.

const QUOTE = 34;
const COMMA = 44;

/** The record's fields, or a one-line reason when the quoting is malformed. */
export function parseCsvFields(text: string, names?: readonly string[]): string[] | { error: string } {
  if (text.indexOf('"') === -1) return text.split(',');
  const fields: string[] = [];
  const n = text.length;
  let i = 0;
  for (;;) {
    if (text.charCodeAt(i) === QUOTE) {
      let value = '';
      let j = i + 1;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q === -1) return { error: `unterminated quote in ${fieldName(fields.length, names)}` };
        if (text.charCodeAt(q + 1) === QUOTE) {
          value += text.slice(j, q + 1);
          j = q + 2;
          continue;
        }
        value += text.slice(j, q);
        i = q + 1;
        break;
      }
      fields.push(value);
      if (i === n) return fields;
      if (text.charCodeAt(i) !== COMMA) {
        return {
          error: `malformed CSV: text after the closing quote of ${fieldName(fields.length - 1, names)}`,
        };
      }
      i++;
    } else {
      const comma = text.indexOf(',', i);
      fields.push(text.slice(i, comma === -1 ? n : comma));
      if (comma === -1) return fields;
      i = comma + 1;
    }
  }
}

function fieldName(index: number, names: readonly string[] | undefined): string {
  const name = names?.[index];
  return name ? `field ${index + 1} (${name})` : `field ${index + 1}`;
}
