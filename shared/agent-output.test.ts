import { describe, expect, it } from 'vitest';
import { PARAM_SYNONYMS, canonicalKey } from './action-repair';
import { ACTION_KINDS, Action } from './actions';
import { ACTIONS_PER_STEP, parseAgentOutput } from './agent-output';
import { AgentOutput } from './model';
import { SMALL_MODEL_CASES } from './testdata/small-model-outputs';

const accepted = SMALL_MODEL_CASES.flatMap((c) => ('output' in c.expect ? [{ ...c, expect: c.expect }] : []));
const rejected = SMALL_MODEL_CASES.flatMap((c) => ('error' in c.expect ? [{ ...c, expect: c.expect }] : []));

const valid = { evaluation: 'ok', nextGoal: 'Search', actions: [{ kind: 'click', index: 3 }] };

function errorOf(reply: string): string {
  const r = parseAgentOutput(reply);
  if (r.ok) throw new Error(`expected a rejection, got ${JSON.stringify(r.output)}`);
  return r.error;
}

describe('parseAgentOutput on small models\' replies', () => {
  it('has a realistic spread of cases', () => {
    expect(SMALL_MODEL_CASES.length).toBeGreaterThanOrEqual(25);
    expect(accepted.length).toBeGreaterThanOrEqual(12);
    expect(rejected.length).toBeGreaterThanOrEqual(10);
  });

  it.each(accepted.map((c) => [c.name, c] as const))('repairs: %s', (_name, c) => {
    const r = parseAgentOutput(c.reply);
    if (!r.ok) throw new Error(`rejected: ${r.error}`);
    expect(r.output).toEqual(c.expect.output);
    expect(AgentOutput.parse(r.output)).toEqual(r.output);
    if (c.expect.repairs.length === 0) expect(r.repairs).toEqual([]);
    for (const repair of c.expect.repairs) {
      expect(r.repairs.some((x) => x.includes(repair)), `${repair} in ${JSON.stringify(r.repairs)}`).toBe(true);
    }
  });

  it.each(rejected.map((c) => [c.name, c] as const))('rejects: %s', (_name, c) => {
    expect(errorOf(c.reply)).toContain(c.expect.error);
  });

  it('names a repair for every reply that was not already valid', () => {
    for (const c of accepted) {
      const r = parseAgentOutput(c.reply);
      const strict = (() => {
        try {
          return AgentOutput.safeParse(JSON.parse(c.reply)).success;
        } catch {
          return false;
        }
      })();
      expect(r.ok && (strict || r.repairs.length > 0), c.name).toBe(true);
    }
  });
});

describe('parseAgentOutput errors', () => {
  it('says when the reply is empty or only reasoning', () => {
    expect(errorOf('')).toBe('the reply is empty');
    expect(errorOf('  \n ')).toBe('the reply is empty');
    expect(errorOf('<think>I am not sure.</think>')).toBe('the reply has no answer after the reasoning');
  });

  it('says when the JSON is something else than an agent output', () => {
    expect(errorOf('{"answer": 42, "confidence": "high"}')).toBe(
      'the JSON in the reply is not an agent output: expected "evaluation", "nextGoal" and "actions", found "answer", "confidence"',
    );
    expect(errorOf('[1, 2, 3]')).toContain('not an agent output');
  });

  it('rejects two names for one field', () => {
    expect(errorOf('{"next_goal": "a", "nextGoal": "b", "actions": [{"kind": "back"}]}')).toBe(
      'both "next_goal" and "nextGoal" are given for "nextGoal"; cannot tell which is meant',
    );
  });

  it('rejects a valid output beside one that cannot be read', () => {
    const broken = '{"evaluation": "ok", "nextGoal": "x", "actions": [{"kind": "click", "index": 4}';
    expect(errorOf(`${JSON.stringify(valid)}\n${broken}`)).toContain('more than one JSON object and one cannot be read');
    expect(errorOf(`${JSON.stringify(valid)}\n{"evaluation": "ok" "actions": []}`)).toContain('invalid JSON');
  });

  it('does not take an action out of a cut-off output', () => {
    // The first action is complete, but the output around it is not: no guessing.
    const reply = '{"evaluation": "ok", "nextGoal": "x", "actions": [{"kind": "click", "index": 3}, {"kind": "type", "index": 4, "text": "a';
    expect(errorOf(reply)).toContain('cut off');
  });

  it('reports every invalid action, with its position and kind', () => {
    const reply = JSON.stringify({ evaluation: '', nextGoal: '', actions: [{ kind: 'click' }, { kind: 'wait', seconds: 60 }, { kind: 'fly' }] });
    const error = errorOf(reply);
    expect(error).toContain('actions[0] (click): missing "index"');
    expect(error).toContain('actions[1] (wait): "seconds"');
    expect(error).toContain('actions[2]: unknown action "fly"');
  });

  it('rejects an empty action list and a missing kind', () => {
    expect(errorOf('{"evaluation": "", "nextGoal": "", "actions": []}')).toBe('"actions" is empty: give at least one action');
    expect(errorOf('{"evaluation": "", "nextGoal": "", "actions": [{"index": 3, "text": "a", "enter": true}]}')).toContain('actions[0]: no action name');
  });

  it('rejects a field of the wrong type instead of guessing', () => {
    expect(errorOf('{"evaluation": 3, "nextGoal": "x", "actions": [{"kind": "back"}]}')).toContain('"evaluation"');
    expect(errorOf('{"evaluation": "", "nextGoal": "", "actions": [{"kind": "done", "success": "yes"}]}')).toContain('actions[0] (done): "success"');
  });

  it('rejects conflicting values for one parameter', () => {
    expect(errorOf('{"actions": [{"kind": "type", "index": 1, "text": "a", "value": "b"}]}')).toContain('both "text" and "value" give "text"');
    expect(errorOf('{"actions": [{"scroll_down": {"direction": "up"}}]}')).toContain('"scroll_down" conflicts with "direction"');
  });
});

describe('parseAgentOutput repairs', () => {
  it('keeps a valid output unchanged, optional notes included', () => {
    const withNotes = { ...valid, notes: 'size 42' };
    expect(parseAgentOutput(JSON.stringify(withNotes))).toEqual({ ok: true, output: withNotes, repairs: [] });
  });

  it('reads browser-use action names with the parameters they imply', () => {
    const r = parseAgentOutput('{"actions": [{"go_to_url": {"url": "https://example.com"}}, {"scroll_down": {}}, {"go_back": {}}, {"wait": 2}]}');
    expect(r.ok && r.output.actions).toEqual([
      { kind: 'navigate', url: 'https://example.com' },
      { kind: 'scroll', direction: 'down' },
      { kind: 'back' },
      { kind: 'wait', seconds: 2 },
    ]);
  });

  it('reads strings that hold numbers and booleans', () => {
    const r = parseAgentOutput('{"actions": [{"kind": "type", "index": "3", "text": 12345, "enter": "true"}, {"kind": "wait", "seconds": "1.5"}]}');
    expect(r.ok && r.output.actions).toEqual([
      { kind: 'type', index: 3, text: '12345', enter: true },
      { kind: 'wait', seconds: 1.5 },
    ]);
  });

  it('does not read a negative or fractional index string', () => {
    expect(errorOf('{"actions": [{"kind": "click", "index": "-3"}]}')).toContain('actions[0] (click): "index"');
    expect(errorOf('{"actions": [{"kind": "click", "index": "3.5"}]}')).toContain('actions[0] (click): "index"');
  });

  it('shortens an over-long intent, which is only shown to the user', () => {
    const r = parseAgentOutput(JSON.stringify({ ...valid, actions: [{ kind: 'back', intent: 'x'.repeat(400) }] }));
    expect(r.ok && r.output.actions[0]?.intent?.length).toBe(300);
  });

  it('reads a flattened action beside the text fields', () => {
    const r = parseAgentOutput('{"evaluation": "ok", "nextGoal": "Open it", "action": "click", "index": 4}');
    expect(r.ok && r.output).toEqual({ evaluation: 'ok', nextGoal: 'Open it', actions: [{ kind: 'click', index: 4 }] });
  });

  it('takes a valid output over a quoted bare action in the prose', () => {
    const r = parseAgentOutput(`The action would be {"kind": "click", "index": 9} but first: ${JSON.stringify(valid)}`);
    expect(r.ok && r.output).toEqual(valid);
  });

  it('ignores a placeholder object that is not a valid output beside a valid one', () => {
    const placeholder = '{"evaluation": "...", "nextGoal": "...", "actions": []}';
    const r = parseAgentOutput(`Format: ${placeholder}\nAnswer: ${JSON.stringify(valid)}`);
    expect(r.ok && r.repairs).toContain('ignored 1 other JSON object(s) that are not a valid output');
  });

  it('keeps "__proto__" a plain key', () => {
    const r = parseAgentOutput('{"__proto__": {"polluted": true}, "evaluation": "", "nextGoal": "", "actions": [{"kind": "back"}]}');
    expect(r.ok).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('survives deeply nested junk', () => {
    expect(errorOf('{"a": '.repeat(5_000) + '1' + '}'.repeat(5_000))).toContain('nested too deeply');
    expect(errorOf('['.repeat(5_000) + ']'.repeat(5_000))).toBe('no JSON object found in the reply');
  });
});

describe('repair tables', () => {
  it('give synonyms only for parameters the schema has, never another parameter\'s own name', () => {
    for (const kind of ACTION_KINDS) {
      const option = Action.options.find((o) => o.shape.kind.value === kind)!;
      const params = Object.keys(option.shape).map(canonicalKey);
      for (const [param, synonyms] of Object.entries(PARAM_SYNONYMS[kind])) {
        expect(params, `${kind}.${param}`).toContain(canonicalKey(param));
        for (const s of synonyms) expect(params, `${kind}: ${s}`).not.toContain(s);
      }
    }
  });

  it('reads the action count bounds from the schema', () => {
    expect(ACTIONS_PER_STEP).toEqual({ min: 1, max: 6 });
  });
});
