import { describe, expect, it } from 'vitest';
import { abstractTask, bindByTemplate, bindWorkflow, fillTemplate, generalizeWorkflows, instantiate, slotsInPlace, templateFor, Workflow, type WorkflowStep } from './workflow';
import { clusterOf } from './condensed-run';

const newsletter: Workflow = {
  task: 'Subscribe {name} ({email}) to the newsletter',
  variables: [
    { name: 'name', kind: 'name', example: 'Ada Lovelace' },
    { name: 'email', kind: 'email', example: 'ada@example.com' },
  ],
  steps: [
    { kind: 'type', target: { tag: 'input', role: 'textbox', name: 'Your name', type: 'text' }, text: '{name}' },
    { kind: 'type', target: { tag: 'input', role: 'textbox', name: 'Email', label: 'Email', type: 'email' }, text: '{email}' },
    { kind: 'click', target: { tag: 'button', role: 'button', name: 'Subscribe', type: 'submit' } },
  ],
};

const search: Workflow = {
  task: 'Search the library for "{query}" and open "{title}"',
  variables: [
    { name: 'query', kind: 'text' },
    { name: 'title', kind: 'text' },
  ],
  steps: [
    { kind: 'navigate', url: 'http://library.test/results.html?q={query}' },
    { kind: 'click', target: { tag: 'a', role: 'link', name: '{title}' } },
  ],
};

describe('Workflow schema', () => {
  it('accepts a workflow whose variables are declared and used', () => {
    expect(Workflow.safeParse(newsletter).success).toBe(true);
    expect(Workflow.safeParse(search).success).toBe(true);
  });

  it('rejects undeclared variables in steps, unused declarations and duplicates', () => {
    const undeclared = { ...newsletter, steps: [...newsletter.steps, { kind: 'type', target: newsletter.steps[0]!.kind === 'type' ? newsletter.steps[0]!.target : undefined, text: '{city}' }] };
    expect(Workflow.safeParse(undeclared).error?.issues.map((i) => i.message)).toEqual(['{city} is not a declared variable']);
    const unused = { ...newsletter, variables: [...newsletter.variables, { name: 'city', kind: 'name' }] };
    expect(Workflow.safeParse(unused).error?.issues.map((i) => i.message)).toEqual(['variable {city} does not occur in the task template']);
    const twice = { ...newsletter, variables: [...newsletter.variables, newsletter.variables[0]] };
    expect(Workflow.safeParse(twice).success).toBe(false);
    expect(Workflow.safeParse({ ...newsletter, steps: [{ kind: 'done', success: true }] }).success).toBe(false);
  });
});

describe('bindWorkflow', () => {
  it('binds by the template when the task has its wording', () => {
    expect(bindWorkflow(newsletter, 'subscribe  Grace Hopper (grace@navy.mil) to the newsletter.')).toEqual({ name: 'Grace Hopper', email: 'grace@navy.mil' });
    expect(bindWorkflow(search, 'Search the library for "le guin" and open "The Dispossessed"')).toEqual({ query: 'le guin', title: 'The Dispossessed' });
  });

  it('checks each captured value against its variable’s kind', () => {
    // The wording fits, but "not given" is no email, and the task has no email anywhere: not an instance.
    expect(bindWorkflow(newsletter, 'Subscribe Grace Hopper (not given) to the newsletter')).toBeNull();
    // Values of different kinds are told apart by kind, whatever their order.
    expect(bindWorkflow(newsletter, 'Subscribe grace@navy.mil (Grace) to the newsletter')).toEqual({ name: 'Grace', email: 'grace@navy.mil' });
  });

  it('lets a short code stand where the template’s words pin a number (a size M where the demonstration had 39)', () => {
    const shop: Pick<Workflow, 'task' | 'variables'> = { task: 'Buy {number} "{text}" in size {number2}', variables: [{ name: 'number', kind: 'number', example: '2' }, { name: 'text', kind: 'text', example: 'Road Glide' }, { name: 'number2', kind: 'number', example: '39' }] };
    expect(bindWorkflow(shop, 'Buy 3 "Runner Vest 8" in size M')).toEqual({ number: '3', text: 'Runner Vest 8', number2: 'M' });
    expect(bindWorkflow(shop, 'Buy 3 "Runner Vest 8" in size large')).toBeNull();
  });

  it('binds by value kinds when the wording differs but the template’s words are there', () => {
    expect(bindWorkflow(newsletter, 'Please subscribe Grace Hopper, grace@navy.mil, to our newsletter')).toEqual({ name: 'Grace Hopper', email: 'grace@navy.mil' });
    expect(bindWorkflow(search, 'In the library, search for "dune" then open "Dune Messiah"')).toEqual({ query: 'dune', title: 'Dune Messiah' });
  });

  it('gives two values of one kind by how each is written when another wording puts them the other way round', () => {
    const transfer: Pick<Workflow, 'task' | 'variables'> = { task: 'Send {number} to the account ending {number2} today', variables: [{ name: 'number', kind: 'number', example: '£40' }, { name: 'number2', kind: 'number', example: '1182' }] };
    expect(bindWorkflow(transfer, 'Today, to the account ending 5567, send £75')).toEqual({ number: '£75', number2: '5567' });
    // Written alike: the order decides, as before.
    expect(bindWorkflow(transfer, 'Today send 40 to the account ending 5567')).toEqual({ number: '40', number2: '5567' });
    // Names go by their order, however long each is.
    const checkIn: Pick<Workflow, 'task' | 'variables'> = { task: 'Check in for my flight (reference {name}, surname {name2}) and get an {name3} seat', variables: [{ name: 'name', kind: 'name', example: 'V9Y2MD' }, { name: 'name2', kind: 'name', example: 'Clarke' }, { name: 'name3', kind: 'name', example: 'Aisle' }] };
    expect(bindWorkflow(checkIn, 'Check in for my flight (reference S5FNM6, surname Perlman) and get a Window seat')).toEqual({ name: 'S5FNM6', name2: 'Perlman', name3: 'Window' });
  });

  it('binds by its template whichever article goes before a value ("an Aisle", "a Window"), and both are one cluster', () => {
    const checkIn: Pick<Workflow, 'task' | 'variables'> = { task: 'Check in for my flight (reference {name}, surname {name2}) and get an {name3} seat', variables: [{ name: 'name', kind: 'name', example: 'V9Y2MD' }, { name: 'name2', kind: 'name', example: 'Clarke' }, { name: 'name3', kind: 'name', example: 'Aisle' }] };
    expect(bindByTemplate(checkIn, 'Check in for my flight (reference S5FNM6, surname Perlman) and get a Window seat')).toEqual({ name: 'S5FNM6', name2: 'Perlman', name3: 'Window' });
    expect(bindByTemplate(checkIn, 'Check in for my flight (reference S5FNM6, surname Perlman) and get the Window seat')).toBeNull();
    const aisle = abstractTask('Check in for my flight (reference V9Y2MD, surname Clarke) and get an Aisle seat').task;
    const window = abstractTask('Check in for my flight (reference S5FNM6, surname Perlman) and get a Window seat').task;
    expect(clusterOf(aisle)).toBe(clusterOf(window));
  });

  it('refuses tasks that are not instances: other words, missing or extra values', () => {
    expect(bindWorkflow(newsletter, 'Unsubscribe Grace Hopper (grace@navy.mil) from the list')).toBeNull();
    expect(bindWorkflow(newsletter, 'Subscribe Grace Hopper to the newsletter')).toBeNull();
    expect(bindWorkflow(newsletter, 'Subscribe Grace Hopper (grace@navy.mil) and Ada (ada@x.org) to the newsletter')).toBeNull();
  });
});

describe('instantiate', () => {
  it('fills values into parameters and into target names, URL-encoding URL templates', () => {
    const bindings = { query: 'le guin & co', title: 'The Dispossessed' };
    expect(instantiate(search.steps[0]!, bindings)).toEqual({ kind: 'navigate', url: 'http://library.test/results.html?q=le%20guin%20%26%20co' });
    expect(instantiate(search.steps[1]!, bindings)).toEqual({ kind: 'click', target: { tag: 'a', role: 'link', name: 'The Dispossessed' } });
    expect(instantiate(newsletter.steps[1]!, { name: 'x', email: 'g@navy.mil' })).toMatchObject({ kind: 'type', text: 'g@navy.mil', target: { name: 'Email', label: 'Email' } });
  });

  it('returns null when a value is missing, and keeps literal braces', () => {
    expect(instantiate(newsletter.steps[0]!, { email: 'g@navy.mil' })).toBeNull();
    const step: WorkflowStep = { kind: 'type', target: { tag: 'textarea', role: 'textbox', name: 'Note' }, text: 'Use {{braces}} for {name}' };
    expect(instantiate(step, { name: 'Ada' })).toMatchObject({ text: 'Use {braces} for Ada' });
    expect(fillTemplate('{a}-{b}', { a: '1' })).toBeNull();
  });
});

describe('abstractTask and templateFor', () => {
  it('turns a task into a template whose binding gives the values back', () => {
    const task = 'Order 2 tickets for Ada Lovelace (ada@example.com) on 12 May 2025, seat "12B"';
    const t = abstractTask(task);
    expect(t.task).toBe('Order {number} tickets for {name} ({email}) on {date}, seat "{text}"');
    expect(t.variables.map((v) => `${v.name}:${v.kind}`)).toEqual(['number:number', 'name:name', 'email:email', 'date:date', 'text:text']);
    expect(bindWorkflow(t, task)).toEqual(t.bindings);
    expect(bindWorkflow(t, 'Order 3 tickets for Grace Hopper (grace@navy.mil) on 1 June 2025, seat "7A"')).toEqual({ number: '3', name: 'Grace Hopper', email: 'grace@navy.mil', date: '1 June 2025', text: '7A' });
  });

  it('writes step parameters as templates, longest value first, braces escaped', () => {
    const bindings = { name: 'Ada', fullname: 'Ada Lovelace', email: 'ada@example.com' };
    expect(templateFor('Ada Lovelace <ada@example.com>', bindings)).toBe('{fullname} <{email}>');
    expect(templateFor('Dear Ada, {see}', bindings)).toBe('Dear {name}, {{see}}');
    expect(fillTemplate(templateFor('Dear Ada, {see}', bindings), bindings)).toBe('Dear Ada, {see}');
  });

  it('takes an amount the run typed without its currency as that amount, typed so for the next task', () => {
    const bindings = { number: '£300', number2: '4584' };
    expect(templateFor('300', bindings)).toBe('{number:digits}');
    expect(templateFor('4584', bindings)).toBe('{number2}');
    // Only an amount: the day of a date is not the date.
    expect(templateFor('Volunteering day, 28 Apr – 2 May', { date: '28 April', number: '£5' })).toBe('Volunteering day, 28 Apr – 2 May');
    expect(fillTemplate('{number:digits}', { number: '£1,250.50' })).toBe('1,250.50');
    expect(fillTemplate('{number:digits}', { number: 'soon' })).toBeNull();
    const workflow = { task: 'Put a {number} limit on card {number2}', variables: [{ name: 'number', kind: 'number' }, { name: 'number2', kind: 'number' }], steps: [{ kind: 'type', target: { tag: 'input', role: 'textbox', name: 'Monthly limit', box: { x: 0, y: 0, width: 1, height: 1 } }, text: '{number:digits}' }] };
    expect(Workflow.safeParse(workflow).success).toBe(true);
    expect(instantiate(workflow.steps[0] as WorkflowStep, { number: '£250', number2: '7181' })).toMatchObject({ text: '250' });
  });

  it('takes a date the run wrote another way than the task for that date, written that way for the next task', () => {
    const bindings = { date: '8 June 2027', date2: 'June 17, 2027', text: 'Settling in' };
    // A date field takes yyyy-mm-dd; a US form mm/dd/yyyy; a label spells the month.
    expect(templateFor('2027-06-08', bindings)).toBe('{date:yyyy-mm-dd}');
    expect(templateFor('06/17/2027', bindings)).toBe('{date2:mm/dd/yyyy}');
    // A calendar's day says its weekday too: the next date's day has its own.
    expect(templateFor('Tuesday 8 June 2027', bindings)).toBe('{date:WWWW d MMMM yyyy}');
    expect(fillTemplate('{date:WWWW d MMMM yyyy}', { date: '15 November 2027' })).toBe('Monday 15 November 2027');
    expect(templateFor('From 2027-06-08 to 2027-06-17', bindings)).toBe('From {date:yyyy-mm-dd} to {date2:yyyy-mm-dd}');
    const next = { date: '15 November 2027', date2: 'November 19, 2027', text: 'x' };
    expect(fillTemplate('From {date:yyyy-mm-dd} to {date2:yyyy-mm-dd}', next)).toBe('From 2027-11-15 to 2027-11-19');
    expect(fillTemplate('{date2:mm/dd/yyyy}', next)).toBe('11/19/2027');
    // A value that is not a date cannot be written as one: the step cannot be filled.
    expect(fillTemplate('{text:yyyy-mm-dd}', next)).toBeNull();
    // The written form is a template of its own: the workflow schema accepts it.
    const workflow = { task: 'Book leave from {date} to {date2}', variables: [{ name: 'date', kind: 'date' }, { name: 'date2', kind: 'date' }], steps: [{ kind: 'type', target: { tag: 'input', role: 'textbox', name: 'First day', box: { x: 0, y: 0, width: 1, height: 1 } }, text: '{date:yyyy-mm-dd}' }, { kind: 'type', target: { tag: 'input', role: 'textbox', name: 'Last day', box: { x: 0, y: 0, width: 1, height: 1 } }, text: '{date2:yyyy-mm-dd}' }] };
    expect(Workflow.safeParse(workflow).success).toBe(true);
    expect(bindWorkflow(workflow as Workflow, 'Book leave from 15 November 2027 to 19 November 2027')).toEqual({ date: '15 November 2027', date2: '19 November 2027' });
  });
});

describe('templates that mean what they say', () => {
  it('keeps a word that names a control as a constant; only what was entered, quoted or shaped like a value is a variable', () => {
    const t = abstractTask('Enter "Kanesha" into the text field and press Submit', { entered: ['Kanesha'] });
    expect(t.task).toBe('Enter "{text}" into the text field and press Submit');
    expect(t.variables.map((v) => v.name)).toEqual(['text']);
    // A name the run typed is a variable; without the run's entries every shape is one (clusters).
    expect(abstractTask('Subscribe Ada Lovelace (ada@x.org)', { entered: ['Ada Lovelace', 'ada@x.org'] }).task).toBe('Subscribe {name} ({email})');
    expect(abstractTask('Enter "Kanesha" into the text field and press Submit').task).toBe('Enter "{text}" into the text field and press {name}');
  });

  it('binds a template whose constant the task repeats, and not one whose constant differs', () => {
    const wf = { task: 'Enter "{text}" into the text field and press Submit', variables: [{ name: 'text', kind: 'text' as const, example: 'Kanesha' }] };
    expect(bindWorkflow(wf, 'Enter "Ronda" into the text field and press Submit')).toEqual({ text: 'Ronda' });
    expect(bindWorkflow(wf, 'Type "Ronda" into the text field, then press Submit')).toEqual({ text: 'Ronda' });
    expect(bindWorkflow({ task: 'Follow the link Pricing', variables: [] }, 'Follow the link Features')).toBeNull();
  });

  const followLink = (name: string): Workflow => ({
    task: `Follow the link ${name}`,
    variables: [],
    steps: [{ kind: 'click', target: { tag: 'a', role: 'link', name }, effect: { navigated: true } }],
  });

  it('generalises two instances that differ in a control’s name into one template (anti-unification)', () => {
    const merged = generalizeWorkflows(followLink('Pricing'), followLink('Features'))!;
    expect(merged.task).toBe('Follow the link {name}');
    expect(merged.variables).toEqual([{ name: 'name', kind: 'name', example: 'Features' }]);
    expect(merged.steps[0]).toMatchObject({ kind: 'click', target: { name: '{name}' } });
    expect(bindWorkflow(merged, 'Follow the link Careers')).toEqual({ name: 'Careers' });
    // Constants the instances share stay constants.
    const a = abstractTask('Enter "Ada" and press Submit', { entered: ['Ada'] });
    const wf = (t: ReturnType<typeof abstractTask>, typed: string): Workflow => ({ task: t.task, variables: t.variables, steps: [{ kind: 'type', target: { tag: 'input', role: 'textbox', name: '' }, text: templateFor(typed, t.bindings) }, { kind: 'click', target: { tag: 'button', role: 'button', name: 'Submit' } }] });
    const b = abstractTask('Enter "Bo" and press Submit', { entered: ['Bo'] });
    expect(generalizeWorkflows(wf(a, 'Ada'), wf(b, 'Bo'))?.task).toBe('Enter "{text}" and press Submit');
  });

  it('does not generalise procedures that differ beyond their variables', () => {
    const other: Workflow = { ...followLink('Features'), steps: [{ kind: 'click', target: { tag: 'button', role: 'button', name: 'Menu' } }] };
    expect(generalizeWorkflows(followLink('Pricing'), other)).toBeNull();
    expect(generalizeWorkflows(followLink('Pricing'), { ...followLink('x'), task: 'Open the page about x' })).toBeNull();
  });
});

describe('slotsInPlace', () => {
  it('gives the marks either side of each variable, the edge as empty, nothing where a word or another variable runs on', () => {
    expect(slotsInPlace('Frances Allen {text2} — A first {text}, for you')).toEqual([
      { token: '{text2}', after: '—' },
      { token: '{text}', after: ',' },
    ]);
    expect(slotsInPlace('{name} {surname}: {date:dd/mm/yyyy}')).toEqual([{ token: '{name}', before: '' }, { token: '{surname}', after: ':' }, { token: '{date:dd/mm/yyyy}', before: ':', after: '' }]);
  });
});
