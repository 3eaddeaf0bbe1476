/**
 * A tiny @web/test-runner reporter that counts test results and writes them as
 * JSON to `file` when the run stops: `{ passed, failed, skipped, failures, fileErrors, files }`.
 * `failures` names each failed test (file, suites › test, the error's first
 * line), so that the summary at the end of a long run says what failed even
 * when only the run's last lines are kept.
 *
 * A test file that fails without a failing test (it did not load, a hook threw,
 * the browser crashed or timed out) counts as one failed test, so that a broken
 * file can never hide behind "0 failed".
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';

function countSuite(suite, counts, failures, where, path = []) {
  if (!suite) return;
  const names = suite.name ? [...path, suite.name] : path;
  for (const test of suite.tests ?? []) {
    if (test.skipped) counts.skipped += 1;
    else if (test.passed) counts.passed += 1;
    else {
      counts.failed += 1;
      failures.push({ ...where, test: [...names, test.name].join(' › '), error: String(test.error?.message ?? '').split('\n')[0] });
    }
  }
  for (const child of suite.suites ?? []) countSuite(child, counts, failures, where, names);
}

export function countReporter({ file }) {
  return {
    stop({ sessions }) {
      const total = { passed: 0, failed: 0, skipped: 0, failures: [], fileErrors: [], files: 0 };
      const files = new Set();
      for (const session of sessions) {
        files.add(session.testFile);
        const counts = { passed: 0, failed: 0, skipped: 0 };
        const where = { file: relative(process.cwd(), session.testFile), browser: session.browser?.name };
        countSuite(session.testResults, counts, total.failures, where);
        total.passed += counts.passed;
        total.failed += counts.failed;
        total.skipped += counts.skipped;
        if (session.passed !== true && counts.failed === 0) {
          total.failed += 1;
          total.fileErrors.push({
            file: relative(process.cwd(), session.testFile),
            browser: session.browser?.name,
            status: session.status,
            errors: (session.errors ?? []).map((error) => error.message),
          });
        }
      }
      total.files = files.size;
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, `${JSON.stringify(total, null, 2)}\n`);
    },
  };
}
