// The task file: JSON Lines, one task per line. A line that is not a valid task does
// not stop the batch: it becomes a problem naming its line, reported as an error result.
import { z } from 'zod';
import { formatPath } from '../../shared/memory-export';

export const TaskLine = z
  .object({
    id: z.string().min(1).max(200),
    /** Absolute, or relative to the practice suite's server (`/shop/index.html`). */
    url: z.string().min(1),
    instruction: z.string().min(1).max(5_000).optional(),
    /** Evaluated in the page to get the task text, when the page generates it. */
    instruction_js: z.string().min(1).optional(),
    /** Evaluated in the page after it loaded, before the task text is read. */
    setup_js: z.string().min(1).optional(),
    /** Evaluated in the page after the run: truthy means success. */
    success_js: z.string().min(1).optional(),
    max_steps: z.number().int().min(1).max(200).optional(),
    tags: z.array(z.string()).optional(),
    /**
     * A Chrome DevTools Recorder recording (relative to the task file) taught before the
     * task's first attempt, as a demonstration of this task, or of `task` when the
     * recording was made on another instance of it.
     */
    demonstration: z.union([z.string().min(1), z.object({ recording: z.string().min(1), task: z.string().min(1).max(5_000).optional() }).strict()]).optional(),
  })
  .refine((t) => (t.instruction === undefined) !== (t.instruction_js === undefined), { message: 'needs exactly one of "instruction" and "instruction_js"' });
export type Task = z.infer<typeof TaskLine>;

export interface TaskLineProblem {
  /** 1-based line number in the file. */
  line: number;
  /** The task's id when the line had one. */
  id?: string;
  message: string;
}

export interface TaskFile {
  tasks: (Task & { line: number })[];
  problems: TaskLineProblem[];
}

/** Parses the file's text; blank lines and lines starting with `//` or `#` are skipped. */
export function parseTaskFile(text: string): TaskFile {
  const out: TaskFile = { tasks: [], problems: [] };
  const seen = new Map<string, number>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    const source = raw.trim();
    if (source === '' || source.startsWith('//') || source.startsWith('#')) return;
    let value: unknown;
    try {
      value = JSON.parse(source);
    } catch (e) {
      out.problems.push({ line, message: `line ${line}: not valid JSON (${(e as Error).message})` });
      return;
    }
    const id = typeof (value as { id?: unknown } | null)?.id === 'string' ? (value as { id: string }).id : undefined;
    const parsed = TaskLine.safeParse(value);
    if (!parsed.success) {
      const why = parsed.error.issues.map((issue) => (issue.path.length ? `${formatPath(issue.path)}: ${issue.message}` : issue.message)).join('; ');
      out.problems.push({ line, ...(id ? { id } : {}), message: `line ${line}: not a valid task (${why})` });
      return;
    }
    const first = seen.get(parsed.data.id);
    if (first !== undefined) {
      out.problems.push({ line, id: parsed.data.id, message: `line ${line}: task id "${parsed.data.id}" is already used on line ${first}` });
      return;
    }
    seen.set(parsed.data.id, line);
    out.tasks.push({ ...parsed.data, line });
  });
  return out;
}
