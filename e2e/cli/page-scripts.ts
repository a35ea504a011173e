// The task file's JavaScript (setup_js, instruction_js, success_js) as source to evaluate
// in the page. An expression's value is used (a promise is awaited); statements work
// too, with the value of the last one, as in the browser's console.

/** Whether `source` parses as one JavaScript expression (checked here, not in the page). */
export function isExpression(source: string): boolean {
  try {
    new Function(`return (${source}\n);`);
    return true;
  } catch {
    return false;
  }
}

/** What an evaluation gives back: the value's type, whether it is truthy, and a string value. */
export interface PageValue {
  type: string;
  truthy: boolean;
  text?: string;
}

/**
 * Source that evaluates `code` in the page and resolves to a PageValue. Statements go
 * through indirect eval (their completion value); expressions are wrapped as they are,
 * which also works on pages whose CSP forbids eval.
 */
export function pageValueSource(code: string): string {
  const value = isExpression(code) ? `(${code}\n)` : `(0, eval)(${JSON.stringify(code)})`;
  return `(async () => {
    const v = await ${value};
    return { type: v === null ? 'null' : typeof v, truthy: !!v, text: typeof v === 'string' ? v : undefined };
  })()`;
}
