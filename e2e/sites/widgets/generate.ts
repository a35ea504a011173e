// Writes widgets.jsonl: WIDGET_INSTANCES instances of every widget family (seeds
// 1..N → `/widgets/<kind>.html?seed=N`). The pages show their own task text and
// record their outcome in window.__widget, so each line reads both from the page.
// Run: npx tsx e2e/sites/widgets/generate.ts [--out FILE]
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TaskLine } from '../tasks/task-format';
import { WIDGET_FAMILIES } from './families';

export const WIDGET_INSTANCES = 6;
export const WIDGET_INSTRUCTION_JS = "document.querySelector('#task').textContent";
export const WIDGET_SUCCESS_JS = '!!(window.__widget && window.__widget.success)';

export function widgetTasks(instances = WIDGET_INSTANCES): TaskLine[] {
  return WIDGET_FAMILIES.flatMap((f) =>
    Array.from({ length: instances }, (_, i) =>
      TaskLine.parse({
        id: `${f.id}-${i + 1}`,
        url: `${f.url}?seed=${i + 1}`,
        instruction_js: WIDGET_INSTRUCTION_JS,
        success_js: WIDGET_SUCCESS_JS,
        max_steps: f.maxSteps,
        tags: ['widget', f.id],
      }),
    ),
  );
}

export const widgetsJsonl = (tasks: readonly TaskLine[] = widgetTasks()) => tasks.map((t) => JSON.stringify(t)).join('\n') + '\n';

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const i = process.argv.indexOf('--out');
  const out = resolve(i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : resolve(import.meta.dirname, 'widgets.jsonl'));
  const tasks = widgetTasks();
  writeFileSync(out, widgetsJsonl(tasks));
  console.log(`${out}: ${tasks.length} tasks`);
}
