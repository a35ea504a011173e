// One closing line for all suites: "tests: N passed, N failed".
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;
const read = (f) => (existsSync(f) ? readFileSync(f, 'utf8') : null);

const unit = read('test-results/unit.json');
if (unit) {
  const u = JSON.parse(unit);
  passed += u.numPassedTests;
  failed += u.numFailedTests;
  skipped += u.numPendingTests + u.numTodoTests;
} else failed++;

const e2e = read('test-results/e2e.json');
if (e2e) {
  const s = JSON.parse(e2e).stats;
  passed += s.expected + s.flaky;
  failed += s.unexpected;
  skipped += s.skipped;
} else failed++;

const tap = read('test-results/firefox.tap');
if (tap) {
  passed += Number(/^# pass (\d+)/m.exec(tap)?.[1] ?? 0);
  failed += Number(/^# fail (\d+)/m.exec(tap)?.[1] ?? 0);
  if (!/^# pass \d+/m.test(tap)) failed++;
} else failed++;

console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
