// Filled in by the build from package.json; 'dev' in tests.
declare const __WAYMARK_VERSION__: string | undefined;
export const VERSION: string = typeof __WAYMARK_VERSION__ === 'string' ? __WAYMARK_VERSION__ : 'dev';
