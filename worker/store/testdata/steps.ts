// A recorded step for store tests: a click on a shop's page, its index as given.
import type { Step } from '../../../shared/model';

export function clickStep(index: number): Step {
  return {
    index,
    observation: { url: 'https://shop.example/', title: 'Shop', elementCount: 3 },
    output: { evaluation: 'ok', nextGoal: 'search', actions: [{ kind: 'click', index: 1 }] },
    results: [{ ok: true, navigated: false, pageChanged: true, tookMs: 5 }],
    adviceIds: [],
    startedAt: 2000 + index,
    tookMs: 10,
  };
}
