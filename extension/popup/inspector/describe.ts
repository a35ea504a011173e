// Actions and workflow steps in words for the inspector: by the element's name (an
// index means nothing once the page is gone), with what was typed or chosen.
import { type Action, describeAction } from '../../../shared/actions';
import type { ElementDescriptor } from '../../../shared/model';
import type { WorkflowStep, WorkflowTarget } from '../../../shared/workflow';
import { plainText } from './marked-text';

function named(target: Pick<ElementDescriptor, 'name' | 'role' | 'label'> | null | undefined): string | null {
  const name = target?.name || target?.label;
  return name ? `“${plainText(name).slice(0, 80)}”` : null;
}

/** An action as it ran: `type "Ada" into “Your name”`, `click “Join”`. */
export function describeActionOn(action: Action, target: ElementDescriptor | null | undefined): string {
  const name = named(target);
  if (!name) return describeAction(action);
  switch (action.kind) {
    case 'click':
      return `click ${name}`;
    case 'type':
      return `type ${JSON.stringify(action.text.slice(0, 120))} into ${name}${action.enter ? ' and press Enter' : ''}`;
    case 'select':
      return `select ${JSON.stringify(action.option)} in ${name}`;
    case 'scroll':
      return `scroll ${action.direction} in ${name}`;
    default:
      return describeAction(action);
  }
}

/** A workflow step, variables shown as {name}. */
export function describeWorkflowStep(step: WorkflowStep): string {
  const on = (t: WorkflowTarget | undefined) => named(t) ?? 'an element';
  switch (step.kind) {
    case 'click':
      return `click ${on(step.target)}`;
    case 'type':
      return `type ${JSON.stringify(step.text)} into ${on(step.target)}${step.enter ? ' and press Enter' : ''}`;
    case 'select':
      return `select ${JSON.stringify(step.option)} in ${on(step.target)}`;
    case 'scroll':
      return `scroll ${step.direction}${step.target ? ` in ${on(step.target)}` : ''}`;
    case 'navigate':
      return `go to ${step.url}`;
    case 'back':
      return 'go back';
    case 'wait':
      return `wait ${step.seconds} s`;
    case 'extract':
      return `read the page${step.query ? ` for ${JSON.stringify(step.query)}` : ''}`;
    case 'hover':
      return `hover over ${on(step.target)}`;
    case 'key':
      return `press ${step.keys}${step.target ? ` on ${on(step.target)}` : ''}`;
    case 'drag':
      return `drag ${on(step.target)}${step.to ? ` onto ${on(step.to)}` : ` by ${step.dx ?? 0},${step.dy ?? 0}`}`;
  }
}
