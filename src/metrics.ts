/** Counters and gauges in the Prometheus text format; no dependency, kept in process memory. */

type Labels = Readonly<Record<string, string>>;

interface Family {
  readonly help: string;
  readonly type: 'counter' | 'gauge';
  readonly values: Map<string, number>;
}

const labelText = (labels: Labels): string => {
  const parts = Object.entries(labels).map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`);
  return parts.length === 0 ? '' : `{${parts.join(',')}}`;
};

export class Metrics {
  private readonly families = new Map<string, Family>();
  private readonly gauges = new Map<string, { help: string; read: () => Promise<number> }>();

  constructor() {
    this.define('yishi_receiver_requests_total', 'Requests to POST /lark/event by outcome.');
    this.define('yishi_receiver_dedup_hits_total', 'Events dropped as re-deliveries, by kind of id.');
    this.define('yishi_card_actions_total', 'Card callbacks by outcome (answered, timeout).');
    this.define('yishi_inbound_jobs_total', 'Inbound queue jobs by outcome (completed, failed).');
    this.define('yishi_ws_events_total', 'Events received over the long connection by outcome.');
  }

  private define(name: string, help: string): void {
    this.families.set(name, { help, type: 'counter', values: new Map() });
  }

  inc(name: string, labels: Labels = {}, by = 1): void {
    const family = this.families.get(name);
    if (family === undefined) throw new RangeError(`unknown metric ${name}`);
    const key = labelText(labels);
    family.values.set(key, (family.values.get(key) ?? 0) + by);
  }

  /** The current value of one counter series (for tests and health reasoning). */
  value(name: string, labels: Labels = {}): number {
    return this.families.get(name)?.values.get(labelText(labels)) ?? 0;
  }

  /** A gauge read at scrape time, e.g. the inbound queue depth. */
  gauge(name: string, help: string, read: () => Promise<number>): void {
    this.gauges.set(name, { help, read });
  }

  async render(): Promise<string> {
    const lines: string[] = [];
    for (const [name, family] of this.families) {
      lines.push(`# HELP ${name} ${family.help}`, `# TYPE ${name} ${family.type}`);
      for (const [labels, value] of family.values) lines.push(`${name}${labels} ${value}`);
    }
    for (const [name, gauge] of this.gauges) {
      // A gauge that cannot be read (Redis down) is left out rather than reported as 0.
      const value = await gauge.read().catch(() => null);
      lines.push(`# HELP ${name} ${gauge.help}`, `# TYPE ${name} gauge`);
      if (value !== null) lines.push(`${name} ${value}`);
    }
    return `${lines.join('\n')}\n`;
  }
}
