// Progress on the terminal: a bar redrawn in place (done/total, successes so far, ETA)
// on a TTY, or one line per finished attempt when the output is a file or a pipe.
import type { AttemptResult } from './results';

export interface Progress {
  started(total: number): void;
  finished(result: AttemptResult): void;
  /** A message that must not be drawn over by the bar. */
  note(text: string): void;
  end(): void;
}

export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

export function attemptMark(r: AttemptResult): string {
  if (r.error && r.runId === null) return 'error';
  if (r.success === true) return 'success';
  if (r.success === false) return 'failure';
  return r.error ? 'error' : r.outcome;
}

class Tally {
  total = 0;
  done = 0;
  successes = 0;
  judged = 0;
  errors = 0;
  readonly startedAt = Date.now();

  add(r: AttemptResult): void {
    this.done++;
    if (r.success !== null) this.judged++;
    if (r.success === true) this.successes++;
    if (r.error) this.errors++;
  }

  eta(): string {
    if (this.done === 0) return '?';
    const perAttempt = (Date.now() - this.startedAt) / this.done;
    return formatDuration(perAttempt * (this.total - this.done));
  }

  rate(): string {
    return this.judged ? `${this.successes}/${this.judged} (${Math.round((100 * this.successes) / this.judged)}%)` : '0/0';
  }
}

export function createProgress(out: NodeJS.WriteStream = process.stdout): Progress {
  return out.isTTY ? barProgress(out) : lineProgress(out);
}

function lineProgress(out: NodeJS.WritableStream): Progress {
  const tally = new Tally();
  return {
    started(total) {
      tally.total = total;
    },
    finished(r) {
      tally.add(r);
      const what = r.error ? `${attemptMark(r)}: ${r.error.split('\n')[0]}` : `${attemptMark(r)} (${r.steps} steps, ${(r.durationMs / 1000).toFixed(1)} s)`;
      out.write(`[${tally.done}/${tally.total}] ${r.taskId} #${r.attempt}: ${what} — success so far ${tally.rate()}, ETA ${tally.eta()}\n`);
    },
    note(text) {
      out.write(`${text}\n`);
    },
    end() {},
  };
}

function barProgress(out: NodeJS.WriteStream): Progress {
  const tally = new Tally();
  let last = '';
  let timer: NodeJS.Timeout | undefined;
  const draw = () => {
    const width = 24;
    const filled = tally.total ? Math.round((width * tally.done) / tally.total) : 0;
    const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
    const line = `${bar} ${tally.done}/${tally.total}  success ${tally.rate()}${tally.errors ? `  errors ${tally.errors}` : ''}  elapsed ${formatDuration(Date.now() - tally.startedAt)}  ETA ${tally.eta()}${last ? `  last: ${last}` : ''}`;
    out.write(`\r\x1b[2K${line.slice(0, Math.max(20, (out.columns ?? 120) - 1))}`);
  };
  return {
    started(total) {
      tally.total = total;
      draw();
      timer = setInterval(draw, 1000);
      timer.unref();
    },
    finished(r) {
      tally.add(r);
      last = `${r.taskId} ${attemptMark(r)}`;
      if (r.error) {
        out.write(`\r\x1b[2K${r.taskId} #${r.attempt}: ${r.error.split('\n')[0]}\n`);
      }
      draw();
    },
    note(text) {
      out.write(`\r\x1b[2K${text}\n`);
      draw();
    },
    end() {
      clearInterval(timer);
      draw();
      out.write('\n');
    },
  };
}
