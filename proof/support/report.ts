// The one table the proof prints: section | figure | value | pass mark | ok.
export interface Figure {
  section: string;
  figure: string;
  value: string;
  mark: string;
  ok: boolean;
}

export class Report {
  readonly figures: Figure[] = [];
  constructor(private readonly live = true) {}
  add(section: string, figure: string, value: string | number, mark: string, ok: boolean) {
    const f = { section, figure, value: String(value), mark, ok };
    this.figures.push(f);
    if (this.live) console.error(`  [${ok ? ' ok ' : 'FAIL'}] ${section} · ${figure}: ${f.value} (${mark})`);
    return ok;
  }
  get failed() {
    return this.figures.filter((f) => !f.ok);
  }
  table(): string {
    const head = ['section', 'figure', 'value', 'pass mark', 'ok'];
    const rows = this.figures.map((f) => [f.section, f.figure, f.value, f.mark, f.ok ? 'ok' : 'FAIL']);
    const esc = (s: string) => s.replace(/\|/g, '\\|');
    return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`)].join(
      '\n',
    );
  }
}
