// The command line: which verb, with which options, checked before anything starts.
// Every mistake is reported at once with what was expected, then the usage.
import { parseArgs } from 'node:util';
import { MEMORY_DESIGNS } from '../../shared/memory-designs';
import type { PolicyConfig } from '../../shared/worker-api';

export type BrowserName = 'chromium' | 'firefox';

/** The practice suite's stable loopback port (--sites-port). */
export const DEFAULT_SITES_PORT = 41730;

export interface RunOptions {
  verb: 'run';
  tasksFile: string;
  coach: 'on' | 'off';
  /** `auto`, or the name of a memory design to pin. */
  design: string;
  policy: PolicyConfig;
  repeat: number;
  shuffle: boolean;
  seed: string;
  /** Steps for tasks whose line sets no `max_steps`. */
  maxSteps: number | undefined;
  headed: boolean;
  outDir: string | undefined;
  concurrency: number;
  browser: BrowserName;
  profileDir: string | undefined;
  /** Seconds one attempt may take before it is stopped. */
  timeoutSec: number;
  /** Loopback port of the practice suite (0: any free one). */
  sitesPort: number;
}

export interface ExportOptions {
  verb: 'export';
  profileDir: string;
  outFile: string | undefined;
  browser: BrowserName;
  headed: boolean;
}

export interface ImportOptions {
  verb: 'import';
  profileDir: string;
  file: string;
  mode: 'merge' | 'replace';
  browser: BrowserName;
  headed: boolean;
}

export interface ReportOptions {
  verb: 'report';
  resultsDirs: string[];
  outFile: string | undefined;
}

export interface TeachOptions {
  verb: 'teach';
  recordingFile: string;
  task: string;
  profileDir: string;
  browser: BrowserName;
  headed: boolean;
  /** Loopback port of the practice suite, for recordings whose URLs are paths on it. */
  sitesPort: number;
}

export type CliOptions = RunOptions | ExportOptions | ImportOptions | ReportOptions | TeachOptions | { verb: 'help' };

export class UsageError extends Error {
  override name = 'UsageError';
}

export const USAGE = `Usage: npm run agent -- <verb> [options]

  run --tasks FILE.jsonl [options]     run each task through Waymark's agent in a real browser
      --profile DIR                    browser profile to keep memory in across invocations (default: a fresh temporary one)
      --coach on|off                   the coach advises the agent from memory (default on; off still learns)
      --design auto|NAME               memory design: the learner's choice per task cluster (auto, the default), or one
                                       for every run: ${MEMORY_DESIGNS.map((d) => d.name).join(', ')}
      --policy offline|webllm|openai   who decides the steps (default offline: no model needed)
      --base-url URL --model NAME      for --policy openai (an OpenAI-compatible endpoint); --model also for webllm
      --api-key KEY                    for --policy openai (or the environment variable WAYMARK_API_KEY)
      --repeat N                       passes over the task file (default 1)
      --shuffle [--seed S]             each pass in a seeded random order (same seed, same order; default seed 1)
      --max-steps N                    step limit for tasks without max_steps (default 25)
      --concurrency N                  tasks at once, as tabs of the same browser and profile (default 1); tasks
                                       on the same site (origin and first path segment) never overlap
      --sites-port N                   where relative task URLs are served from: the practice suite in e2e/sites
                                       (default ${DEFAULT_SITES_PORT}, fixed so memory scoped to its origin carries over; 0: any)
      --timeout SEC                    an attempt still running after this is stopped (default 600)
      --browser chromium|firefox       (default chromium)
      --headed                         show the browser
      --out DIR                        where results.jsonl and report.html go (default out/runs/<timestamp>)

  export --profile DIR [--out FILE]    the profile's memory as versioned JSON (to stdout without --out)
  import --profile DIR FILE [--replace]
                                       add a memory file to the profile (merge: newer versions win), or replace its memory
  report RESULTS_DIR... [--out FILE]   render report.html again; several dirs are compared (memory on vs off)
  teach --recording FLOW.json --task TEXT --profile DIR
                                       perform a Chrome DevTools Recorder recording in the browser under record mode
                                       and learn it as a demonstration of TEXT (a task-file line may instead carry
                                       "demonstration": "FLOW.json", taught before its first attempt)
`;

function positiveInt(name: string, value: string | undefined, fallback: number): number;
function positiveInt(name: string, value: string | undefined, fallback: undefined): number | undefined;
function positiveInt(name: string, value: string | undefined, fallback: number | undefined): number | undefined {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${name} expects a whole number of at least 1, got ${JSON.stringify(value)}`);
  return n;
}

function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`${name} expects one of ${allowed.join('|')}, got ${JSON.stringify(value)}`);
  return value as T;
}

function policyFrom(values: { policy?: string; 'base-url'?: string; model?: string; 'api-key'?: string }): PolicyConfig {
  const kind = oneOf('--policy', values.policy, ['offline', 'webllm', 'openai'] as const, 'offline');
  if (kind === 'offline') return { kind };
  if (kind === 'webllm') {
    if (!values.model) throw new UsageError('--policy webllm needs --model (an id from WebLLM\'s prebuilt list, e.g. Qwen2.5-0.5B-Instruct-q4f16_1-MLC)');
    return { kind, model: values.model };
  }
  if (!values['base-url'] || !values.model) throw new UsageError('--policy openai needs --base-url (e.g. http://localhost:11434/v1) and --model');
  const apiKey = values['api-key'] ?? process.env.WAYMARK_API_KEY;
  return { kind, baseUrl: values['base-url'], model: values.model, ...(apiKey ? { apiKey } : {}) };
}

export function parseCli(argv: string[]): CliOptions {
  const [verb, ...rest] = argv;
  if (verb === undefined || verb === 'help' || verb === '--help' || verb === '-h') return { verb: 'help' };
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      strict: true,
      options: {
        tasks: { type: 'string' },
        profile: { type: 'string' },
        coach: { type: 'string' },
        design: { type: 'string' },
        policy: { type: 'string' },
        'base-url': { type: 'string' },
        model: { type: 'string' },
        'api-key': { type: 'string' },
        repeat: { type: 'string' },
        shuffle: { type: 'boolean' },
        seed: { type: 'string' },
        'max-steps': { type: 'string' },
        headed: { type: 'boolean' },
        out: { type: 'string' },
        concurrency: { type: 'string' },
        timeout: { type: 'string' },
        browser: { type: 'string' },
        replace: { type: 'boolean' },
        'sites-port': { type: 'string' },
        recording: { type: 'string' },
        task: { type: 'string' },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values, positionals } = parsed;
  const browser = oneOf('--browser', values.browser, ['chromium', 'firefox'] as const, 'chromium');
  const noPositionals = () => {
    if (positionals.length) throw new UsageError(`${verb} takes no arguments besides its options, got ${positionals.map((p) => JSON.stringify(p)).join(' ')}`);
  };
  switch (verb) {
    case 'run': {
      noPositionals();
      if (!values.tasks) throw new UsageError('run needs --tasks FILE.jsonl');
      const designs = MEMORY_DESIGNS.map((d) => d.name);
      if (values.design !== undefined && values.design !== 'auto' && !designs.includes(values.design)) {
        throw new UsageError(`--design expects auto or one of ${designs.join('|')}, got ${JSON.stringify(values.design)}`);
      }
      return {
        verb,
        tasksFile: values.tasks,
        coach: oneOf('--coach', values.coach, ['on', 'off'] as const, 'on'),
        design: values.design ?? 'auto',
        policy: policyFrom(values),
        repeat: positiveInt('--repeat', values.repeat, 1),
        shuffle: values.shuffle ?? false,
        seed: values.seed ?? '1',
        maxSteps: positiveInt('--max-steps', values['max-steps'], undefined),
        headed: values.headed ?? false,
        outDir: values.out,
        concurrency: positiveInt('--concurrency', values.concurrency, 1),
        browser,
        profileDir: values.profile,
        timeoutSec: positiveInt('--timeout', values.timeout, 600),
        sitesPort: values['sites-port'] === '0' ? 0 : positiveInt('--sites-port', values['sites-port'], DEFAULT_SITES_PORT),
      };
    }
    case 'export':
      noPositionals();
      if (!values.profile) throw new UsageError('export needs --profile DIR (the profile whose memory to export)');
      return { verb, profileDir: values.profile, outFile: values.out, browser, headed: values.headed ?? false };
    case 'import':
      if (!values.profile) throw new UsageError('import needs --profile DIR (the profile to import into)');
      if (positionals.length !== 1) throw new UsageError('import needs exactly one FILE (a memory export)');
      return { verb, profileDir: values.profile, file: positionals[0]!, mode: values.replace ? 'replace' : 'merge', browser, headed: values.headed ?? false };
    case 'report':
      if (positionals.length === 0) throw new UsageError('report needs at least one RESULTS_DIR (a folder with results.jsonl)');
      return { verb, resultsDirs: positionals, outFile: values.out };
    case 'teach':
      noPositionals();
      if (!values.recording) throw new UsageError('teach needs --recording FLOW.json (a Chrome DevTools Recorder export)');
      if (!values.task?.trim()) throw new UsageError('teach needs --task "the task in words" (what the recording does)');
      if (!values.profile) throw new UsageError('teach needs --profile DIR (the profile to keep what it learns in)');
      return { verb, recordingFile: values.recording, task: values.task.trim(), profileDir: values.profile, browser, headed: values.headed ?? false, sitesPort: values['sites-port'] === '0' ? 0 : positiveInt('--sites-port', values['sites-port'], DEFAULT_SITES_PORT) };
    default:
      throw new UsageError(`unknown verb ${JSON.stringify(verb)}: expected run, export, import, report or teach`);
  }
}
