// Tables and checks of the learning benchmark, from per-family rows (pure: tested alone).

export interface Row {
  suite: string;
  heldOut: boolean;
  family: string;
  condition: string;
  seed: number;
  attempts: number;
  successes: number;
  steps: number;
  advised: number;
  errors: number;
  /** The family was taught one demonstration before this condition's first attempt. */
  demonstrated?: boolean;
}

const rate = (rs: readonly Row[]) => {
  const n = rs.reduce((a, r) => a + r.attempts, 0);
  return n ? rs.reduce((a, r) => a + r.successes, 0) / n : 0;
};
const meanSteps = (rs: readonly Row[]) => {
  const n = rs.reduce((a, r) => a + r.attempts, 0);
  return n ? rs.reduce((a, r) => a + r.steps, 0) / n : 0;
};
const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;

export interface Loss {
  suite: string;
  family: string;
  seed: number;
  off: number;
  learned: number;
}

export function summarize(rows: readonly Row[], conditions: readonly string[]) {
  const pick = (f: (r: Row) => boolean) => rows.filter(f);
  const averages: Record<string, { practice: number; heldOut: number; all: number; steps: number }> = {};
  for (const c of conditions) {
    const rs = pick((r) => r.condition === c);
    averages[c] = { practice: rate(rs.filter((r) => !r.heldOut)), heldOut: rate(rs.filter((r) => r.heldOut)), all: rate(rs), steps: meanSteps(rs) };
  }
  const losses: Loss[] = [];
  for (const r of pick((x) => x.condition === 'learned')) {
    const off = rows.find((x) => x.condition === 'off' && x.suite === r.suite && x.family === r.family && x.seed === r.seed);
    if (off && r.successes / r.attempts < off.successes / off.attempts) losses.push({ suite: r.suite, family: r.family, seed: r.seed, off: off.successes, learned: r.successes });
  }
  const fixed = conditions.filter((c) => c.startsWith('fixed:'));
  const bestFixed = fixed.length ? fixed.reduce((a, b) => (averages[b]!.all > averages[a]!.all ? b : a)) : null;
  const has = (c: string) => conditions.includes(c);
  // After one demonstration, each taught family's instances (all new values), over every order.
  const taughtRows = pick((r) => r.condition === 'taught' && !!r.demonstrated);
  const taught = [...new Set(taughtRows.map((r) => `${r.suite}|${r.family}`))].map((key) => ({ key, rate: rate(taughtRows.filter((r) => `${r.suite}|${r.family}` === key)) }));
  const heldOutRows = rows.some((r) => r.heldOut);
  const checks = {
    noFamilyLosesOnAnyOrder: has('learned') && has('off') ? losses.length === 0 : null,
    learnedAtLeastBestFixed: has('learned') && bestFixed ? averages.learned!.all >= averages[bestFixed]!.all - 1e-9 : null,
    heldOutMemoryBeatsOffBy10: has('learned') && has('off') && heldOutRows ? averages.learned!.heldOut - averages.off!.heldOut >= 0.1 - 1e-9 : null,
    taughtFamiliesAt90: taught.length ? taught.every((f) => f.rate >= 0.9 - 1e-9) : null,
  };
  return { averages, bestFixed, losses, taught, checks };
}

/** A markdown table: one line per suite and family, a column per condition (success over all orders, then per order). */
export function familyTable(rows: readonly Row[], conditions: readonly string[]): string {
  const seeds = [...new Set(rows.map((r) => r.seed))].sort((a, b) => a - b);
  const families = [...new Map(rows.map((r) => [`${r.suite}|${r.family}`, r])).values()].sort((a, b) => Number(a.heldOut) - Number(b.heldOut) || a.suite.localeCompare(b.suite) || a.family.localeCompare(b.family));
  const head = `| suite | family | ${conditions.join(' | ')} |`;
  const rule = `|---|---|${conditions.map(() => '---').join('|')}|`;
  const cell = (rs: Row[]) => {
    if (rs.length === 0) return '–';
    const perSeed = seeds.map((s) => {
      const r = rs.filter((x) => x.seed === s);
      return r.length ? `${r.reduce((a, x) => a + x.successes, 0)}/${r.reduce((a, x) => a + x.attempts, 0)}` : '–';
    });
    return `${pct(rate(rs))} (${perSeed.join(' ')}) ${meanSteps(rs).toFixed(1)} st`;
  };
  const lines = families.map((f) => `| ${f.suite}${f.heldOut ? ' (held out)' : ''} | ${f.family} | ${conditions.map((c) => cell(rows.filter((r) => r.condition === c && r.suite === f.suite && r.family === f.family))).join(' | ')} |`);
  const total = (held: boolean) => `| **${held ? 'held out' : 'practice'}** | all | ${conditions.map((c) => cell(rows.filter((r) => r.condition === c && r.heldOut === held))).join(' | ')} |`;
  const totals = [false, true].filter((h) => rows.some((r) => r.heldOut === h)).map(total);
  return [head, rule, ...lines, ...totals].join('\n');
}
