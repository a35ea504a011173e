// What a widget practice page (e2e/sites/widgets) tells a test, read in the page
// (`page.evaluate(widgetTaskText)`, in Playwright or puppeteer): the task it drew from
// its seed, and whether its own check passed.
export const widgetTaskText = (): string => (window as unknown as { __widgetTask: { text: string } }).__widgetTask.text;
export const widgetSucceeded = (): boolean => !!(window as unknown as { __widget?: { success: boolean } }).__widget?.success;
