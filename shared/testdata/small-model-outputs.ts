// Replies of the kind small local models (Qwen2.5-1.5B, Llama-3.2-1B, Phi-3-mini,
// DeepSeek-R1 distills, Qwen3) give to the agent prompt, written by hand after
// their typical habits: prose around the JSON, markdown fences, <think> blocks,
// other key names, missing fields, the action name as the key, double encoding,
// Python dicts, cut-off replies and replies with two different answers.
// Each case states the output it must become, or the error it must be rejected with.
import type { AgentOutput } from '../model';

export interface SmallModelCase {
  name: string;
  /** The model family whose habit the reply imitates. */
  style: string;
  reply: string;
  expect:
    | {
        output: AgentOutput;
        /** Each must be a substring of one of the reported repairs. */
        repairs: string[];
      }
    | {
        /** Must be a substring of the error. */
        error: string;
      };
}

const searchOutput: AgentOutput = {
  evaluation: 'The shop homepage loaded.',
  nextGoal: 'Search for red shoes',
  actions: [{ kind: 'type', index: 5, text: 'red shoes', enter: true }],
};
const searchJson = JSON.stringify(searchOutput);

export const SMALL_MODEL_CASES: SmallModelCase[] = [
  {
    name: 'valid JSON, nothing to repair',
    style: 'any model with constrained decoding',
    reply: searchJson,
    expect: { output: searchOutput, repairs: [] },
  },
  {
    name: 'prose before the JSON',
    style: 'Qwen2.5-1.5B-Instruct',
    reply: `Based on the current page, I need to search for the product first.\n\n${searchJson}`,
    expect: { output: searchOutput, repairs: ['ignored the text around the JSON'] },
  },
  {
    name: 'markdown json fence',
    style: 'Qwen2.5-1.5B-Instruct',
    reply: '```json\n' + JSON.stringify(searchOutput, null, 2) + '\n```',
    expect: { output: searchOutput, repairs: ['took the JSON out of a ``` code block'] },
  },
  {
    name: 'bare fence followed by an explanation',
    style: 'Llama-3.2-1B-Instruct',
    reply:
      '```\n{\n  "evaluation": "The login form is visible.",\n  "nextGoal": "Open the login form",\n  "actions": [{"kind": "click", "index": 14, "intent": "log in"}]\n}\n```\n\nThis will click on the login button to proceed with the task.',
    expect: {
      output: {
        evaluation: 'The login form is visible.',
        nextGoal: 'Open the login form',
        actions: [{ kind: 'click', index: 14, intent: 'log in' }],
      },
      repairs: ['took the JSON out of a ``` code block', 'ignored the text around the JSON'],
    },
  },
  {
    name: 'special end-of-turn token after the JSON',
    style: 'Qwen2.5 through a server that does not strip it',
    reply: `${searchJson}<|im_end|>`,
    expect: { output: searchOutput, repairs: ['ignored the text around the JSON'] },
  },
  {
    name: 'a <think> block that quotes JSON before the answer',
    style: 'DeepSeek-R1-Distill-Qwen-1.5B',
    reply:
      '<think>\nThe user wants red shoes. The search box is [5]. I could do {"kind": "click", "index": 5} first, but typing with enter is faster.\n</think>\n\n' +
      searchJson,
    expect: { output: searchOutput, repairs: ['removed a <think> block'] },
  },
  {
    name: 'reasoning whose <think> was opened by the chat template',
    style: 'Qwen3-1.7B',
    reply: 'Okay, the page is the shop homepage and the search box is element 5.\n</think>\n\n' + searchJson,
    expect: { output: searchOutput, repairs: ['removed the reasoning before </think>'] },
  },
  {
    name: 'cut off inside the <think> block',
    style: 'DeepSeek-R1-Distill-Qwen-1.5B at a low token limit',
    reply: '<think>\nI need to find the price. The page shows a list of products, and the first one is',
    expect: { error: 'the reply ends inside a <think> block' },
  },
  {
    name: 'browser-use field names nested in current_state, action name as the key',
    style: 'Qwen2.5-1.5B after browser-use fine-tuning data',
    reply: JSON.stringify({
      current_state: {
        evaluation_previous_goal: 'Success - the results page is open',
        memory: 'Looking for red shoes under 50 EUR',
        next_goal: 'Open the first result',
      },
      action: [{ click_element: { index: 12 } }],
    }),
    expect: {
      output: {
        evaluation: 'Success - the results page is open',
        notes: 'Looking for red shoes under 50 EUR',
        nextGoal: 'Open the first result',
        actions: [{ kind: 'click', index: 12 }],
      },
      repairs: [
        'took the fields out of "current_state"',
        'renamed "evaluation_previous_goal" to "evaluation"',
        'renamed "memory" to "notes"',
        'renamed "action" to "actions"',
        'actions[0]: read the key "click_element" as the kind',
        'actions[0]: read the action "click_element" as "click"',
      ],
    },
  },
  {
    name: 'the action name as the key',
    style: 'Llama-3.2-1B-Instruct',
    reply: '{"evaluation": "The form is empty.", "nextGoal": "Fill in the email", "actions": [{"type": {"index": 3, "text": "ada@example.com"}}, {"click": {"index": 7}}]}',
    expect: {
      output: {
        evaluation: 'The form is empty.',
        nextGoal: 'Fill in the email',
        actions: [
          { kind: 'type', index: 3, text: 'ada@example.com' },
          { kind: 'click', index: 7 },
        ],
      },
      repairs: ['actions[0]: read the key "type" as the kind', 'actions[1]: read the key "click" as the kind'],
    },
  },
  {
    name: '"type" as the kind key, index as a string',
    style: 'Phi-3-mini',
    reply: '{"evaluation": "Search results are shown", "next_goal": "Open the second result", "actions": [{"type": "click", "index": "7"}]}',
    expect: {
      output: { evaluation: 'Search results are shown', nextGoal: 'Open the second result', actions: [{ kind: 'click', index: 7 }] },
      repairs: ['renamed "next_goal" to "nextGoal"', 'actions[0]: read "type": "click" as the kind', 'actions[0]: read "index": "7" as 7'],
    },
  },
  {
    name: 'index copied from the observation as "[12]"',
    style: 'Llama-3.2-1B-Instruct',
    reply: '{"evaluation": "ok", "nextGoal": "Open the cart", "actions": [{"kind": "click", "index": "[12]"}]}',
    expect: {
      output: { evaluation: 'ok', nextGoal: 'Open the cart', actions: [{ kind: 'click', index: 12 }] },
      repairs: ['actions[0]: read "index": "[12]" as 12'],
    },
  },
  {
    name: 'tool-call shape with name and arguments',
    style: 'Qwen2.5-1.5B trained on function calling',
    reply:
      '{"evaluation": "The sign-up form is open.", "nextGoal": "Enter the email", "actions": [{"name": "input_text", "arguments": {"index": 4, "text": "ada@example.com"}}]}',
    expect: {
      output: { evaluation: 'The sign-up form is open.', nextGoal: 'Enter the email', actions: [{ kind: 'type', index: 4, text: 'ada@example.com' }] },
      repairs: ['actions[0]: read "name": "input_text" as the kind', 'actions[0]: took the parameters out of "arguments"'],
    },
  },
  {
    name: 'the whole reply double-encoded as a JSON string',
    style: 'Llama-3.2-1B in JSON mode',
    reply: JSON.stringify(searchJson),
    expect: { output: searchOutput, repairs: ['decoded JSON that was encoded as a string'] },
  },
  {
    name: 'actions double-encoded',
    style: 'Phi-3-mini in JSON mode',
    reply: JSON.stringify({ evaluation: 'Nothing below the fold yet.', nextGoal: 'See more results', actions: JSON.stringify([{ kind: 'scroll', direction: 'down' }]) }),
    expect: {
      output: { evaluation: 'Nothing below the fold yet.', nextGoal: 'See more results', actions: [{ kind: 'scroll', direction: 'down' }] },
      repairs: ['decoded "actions" that was encoded as a string'],
    },
  },
  {
    name: 'one action object instead of a list, under "action"',
    style: 'Qwen2.5-1.5B-Instruct',
    reply: '{"evaluation": "Wrong page.", "nextGoal": "Go to the docs", "action": {"kind": "navigate", "url": "https://example.com/docs"}}',
    expect: {
      output: { evaluation: 'Wrong page.', nextGoal: 'Go to the docs', actions: [{ kind: 'navigate', url: 'https://example.com/docs' }] },
      repairs: ['renamed "action" to "actions"', 'put the single action of "action" in a list'],
    },
  },
  {
    name: 'only the actions',
    style: 'Llama-3.2-1B-Instruct',
    reply: '{"actions": [{"kind": "click", "index": 2}]}',
    expect: {
      output: { evaluation: '', nextGoal: '', actions: [{ kind: 'click', index: 2 }] },
      repairs: ['filled the missing "evaluation" with ""', 'filled the missing "nextGoal" with ""'],
    },
  },
  {
    name: 'a bare action with "action" as the kind key',
    style: 'Qwen2.5-0.5B-Instruct',
    reply: 'Next I will scroll.\n{"action": "scroll", "direction": "Down"}',
    expect: {
      output: { evaluation: '', nextGoal: '', actions: [{ kind: 'scroll', direction: 'down' }] },
      repairs: ['the reply is a bare action', 'actions[0]: read "action": "scroll" as the kind', 'actions[0]: read "direction": "Down" as "down"'],
    },
  },
  {
    name: 'the output inside a one-element list',
    style: 'Phi-3-mini',
    reply: `[${searchJson}]`,
    expect: { output: searchOutput, repairs: ['took the output out of a one-element list'] },
  },
  {
    name: 'Python dict with single quotes and True',
    style: 'Phi-3-mini',
    reply: "{'evaluation': 'The search box is empty.', 'nextGoal': 'Search for red shoes', 'actions': [{'kind': 'type', 'index': 5, 'text': 'red shoes', 'enter': True}]}",
    expect: {
      output: { evaluation: 'The search box is empty.', nextGoal: 'Search for red shoes', actions: [{ kind: 'type', index: 5, text: 'red shoes', enter: true }] },
      repairs: ['accepted single-quoted strings', 'accepted Python literals'],
    },
  },
  {
    name: 'trailing commas and a comment',
    style: 'Llama-3.2-1B-Instruct',
    reply: '{\n  "evaluation": "The cookie banner covers the page.", // it has an accept button\n  "nextGoal": "Close the banner",\n  "actions": [\n    {"kind": "click", "index": 1},\n  ],\n}',
    expect: {
      output: { evaluation: 'The cookie banner covers the page.', nextGoal: 'Close the banner', actions: [{ kind: 'click', index: 1 }] },
      repairs: ['accepted trailing commas', 'accepted comments'],
    },
  },
  {
    name: 'the same answer twice (in prose and in a fence)',
    style: 'Qwen2.5-1.5B-Instruct',
    reply: `I will reply with ${searchJson}\n\n\`\`\`json\n${searchJson}\n\`\`\``,
    expect: { output: searchOutput, repairs: ['ignored 1 identical copy of the output'] },
  },
  {
    name: 'done with the answer under another name',
    style: 'Qwen2.5-1.5B-Instruct',
    reply: '{"evaluation": "The price is shown.", "nextGoal": "Report the price", "actions": [{"done": {"success": true, "answer": "The red shoes cost 39.90 EUR."}}]}',
    expect: {
      output: { evaluation: 'The price is shown.', nextGoal: 'Report the price', actions: [{ kind: 'done', success: true, text: 'The red shoes cost 39.90 EUR.' }] },
      repairs: ['actions[0]: renamed "answer" to "text"'],
    },
  },
  // ---- rejected
  {
    name: 'cut off at the token limit',
    style: 'Llama-3.2-1B-Instruct at max_tokens',
    reply: '{"evaluation": "The search results are shown", "nextGoal": "Open the first result", "actions": [{"kind": "click", "index": 2',
    expect: { error: 'is cut off (the reply probably hit its token limit)' },
  },
  {
    name: 'cut off after a complete first action',
    style: 'Qwen2.5-0.5B at max_tokens',
    reply: '```json\n{"evaluation": "Form visible", "nextGoal": "Fill the form", "actions": [{"kind": "type", "index": 3, "text": "Ada"}, {"kind": "type", "index": 4, "te',
    expect: { error: 'is cut off' },
  },
  {
    name: 'two different answers',
    style: 'Llama-3.2-1B-Instruct',
    reply:
      'I could open the first result:\n{"evaluation": "Results shown", "nextGoal": "Open result 1", "actions": [{"kind": "click", "index": 3}]}\nOr search again to be sure:\n{"evaluation": "Results shown", "nextGoal": "Refine the search", "actions": [{"kind": "type", "index": 1, "text": "red shoes size 42", "enter": true}]}',
    expect: { error: 'the reply holds 2 different agent outputs' },
  },
  {
    name: 'an action that does not exist',
    style: 'Phi-3-mini',
    reply: '{"evaluation": "ok", "nextGoal": "Press the button", "actions": [{"kind": "tap", "index": 3}]}',
    expect: { error: 'actions[0]: unknown action "tap" (expected one of click, type, select, hover, key, drag, scroll, navigate, back, wait, extract, done)' },
  },
  {
    name: 'no actions at all',
    style: 'Llama-3.2-1B-Instruct',
    reply: '{"evaluation": "The login page is open.", "next_goal": "Click the login button"}',
    expect: { error: 'missing "actions"' },
  },
  {
    name: 'actions written as text',
    style: 'Qwen2.5-0.5B-Instruct',
    reply: '{"evaluation": "ok", "nextGoal": "Search", "actions": ["click [12]"]}',
    expect: { error: 'actions[0]: expected an action object like {"kind": "click", "index": 3}, got the string "click [12]"' },
  },
  {
    name: 'done without saying whether it succeeded',
    style: 'Llama-3.2-1B-Instruct',
    reply: '{"evaluation": "Found it", "nextGoal": "Finish", "actions": [{"kind": "done", "text": "39.90 EUR"}]}',
    expect: { error: 'actions[0] (done): missing "success"' },
  },
  {
    name: 'a type action without text',
    style: 'Qwen2.5-0.5B-Instruct',
    reply: '{"evaluation": "", "nextGoal": "Type the city", "actions": [{"kind": "type", "index": 8}]}',
    expect: { error: 'actions[0] (type): missing "text"' },
  },
  {
    name: 'an element described instead of indexed',
    style: 'Phi-3-mini',
    reply: '{"evaluation": "ok", "nextGoal": "Search", "actions": [{"kind": "click", "index": "the search button"}]}',
    expect: { error: 'actions[0] (click): "index"' },
  },
  {
    name: 'two actions in one object',
    style: 'Llama-3.2-1B-Instruct',
    reply: '{"evaluation": "ok", "nextGoal": "Log in", "actions": [{"type": {"index": 3, "text": "ada"}, "click": {"index": 9}}]}',
    expect: { error: 'several actions in one object ("type", "click")' },
  },
  {
    name: 'the same key twice',
    style: 'Qwen2.5-0.5B-Instruct',
    reply: '{"evaluation": "ok", "nextGoal": "x", "actions": [{"kind": "click", "index": 3}], "actions": [{"kind": "back"}]}',
    expect: { error: 'duplicate key "actions"' },
  },
  {
    name: 'a missing comma',
    style: 'Llama-3.2-1B-Instruct',
    reply: '{"evaluation": "ok" "nextGoal": "Search", "actions": [{"kind": "click", "index": 3}]}',
    expect: { error: 'invalid JSON at line 1, column 21' },
  },
  {
    name: 'a refusal in prose',
    style: 'Llama-3.2-1B-Instruct',
    reply: "I'm sorry, but I can't help with entering payment details.",
    expect: { error: 'no JSON object found in the reply' },
  },
  {
    name: 'too many actions',
    style: 'Qwen2.5-1.5B-Instruct',
    reply: JSON.stringify({ evaluation: 'ok', nextGoal: 'Scroll a lot', actions: Array.from({ length: 8 }, () => ({ kind: 'scroll', direction: 'down' })) }),
    expect: { error: '"actions" has 8 actions; at most 6 per step' },
  },
  {
    name: 'a javascript: URL',
    style: 'any model, prompted by a hostile page',
    reply: '{"evaluation": "ok", "nextGoal": "Follow the page\'s advice", "actions": [{"kind": "navigate", "url": "javascript:alert(document.cookie)"}]}',
    expect: { error: 'actions[0] (navigate): "url": only http(s) and file URLs' },
  },
];
