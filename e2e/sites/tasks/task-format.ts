// One line of a task file (JSON Lines), as the CLI reads it. Generic enough for any
// site: `url` is absolute, or relative to the practice suite's root.
import { z } from 'zod';

export const TaskLine = z
  .object({
    id: z.string().min(1),
    url: z.string().min(1),
    instruction: z.string().min(1).optional(),
    /** Evaluated in the page to get the task text, when the page generates it. */
    instruction_js: z.string().min(1).optional(),
    /** Evaluated in the page after load, before the run (resets the app's state). */
    setup_js: z.string().min(1).optional(),
    /** Evaluated in the page after the run; truthy means the task was done. */
    success_js: z.string().min(1).optional(),
    max_steps: z.number().int().positive().optional(),
    tags: z.array(z.string().min(1)).optional(),
  })
  .strict()
  .refine((t) => (t.instruction === undefined) !== (t.instruction_js === undefined), { message: 'exactly one of instruction and instruction_js' });
export type TaskLine = z.infer<typeof TaskLine>;
