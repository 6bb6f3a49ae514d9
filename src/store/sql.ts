// A statement and its parameters, written together: in sql`… WHERE org_id = ${orgId}` each value
// becomes a numbered parameter ($1, $2 …) and never enters the text, and a nested sql`…` fragment
// is spliced in with its parameters renumbered. That replaces `params.push` / `$${n}` bookkeeping
// when a query is built from optional filters. `raw` is only for text chosen from a fixed list in
// the code (a sort column, ASC/DESC), never for a value.
export class Sql {
  /** `parts.length === values.length + 1`: the text around each value. */
  constructor(
    readonly parts: readonly string[],
    readonly values: readonly unknown[],
  ) {}

  /** The text with `$n` placeholders and the values, as both drivers take them. */
  compile(): { text: string; values: unknown[] } {
    let text = this.parts[0]!;
    this.values.forEach((_, i) => (text += `$${i + 1}${this.parts[i + 1]}`));
    return { text, values: [...this.values] };
  }
}

export function sql(strings: TemplateStringsArray, ...values: unknown[]): Sql {
  const parts = [strings[0]!];
  const flat: unknown[] = [];
  values.forEach((value, i) => {
    const after = strings[i + 1]!;
    if (value instanceof Sql) {
      // The fragment's first text joins ours; its last text is followed by ours.
      parts.push(`${parts.pop()}${value.parts[0]}`, ...value.parts.slice(1));
      parts.push(`${parts.pop()}${after}`);
      flat.push(...value.values);
    } else {
      parts.push(after);
      flat.push(value);
    }
  });
  return new Sql(parts, flat);
}

/** Trusted text from the code (never from a request). */
export const raw = (text: string) => new Sql([text], []);

/** The fragments joined by `separator` (` AND `, `, `); an empty list gives `empty`. */
export function join(fragments: readonly Sql[], separator: string): Sql {
  return fragments.reduce((all, f, i) => (i === 0 ? f : sql`${all}${raw(separator)}${f}`), empty);
}

export const empty = raw('');
