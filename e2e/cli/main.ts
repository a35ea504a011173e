// `npm run agent -- <verb>`: Waymark's agent run unattended over a task file, and its
// memory exported, imported and reported on. See args.ts for the verbs and options.
import { parseCli, USAGE, UsageError } from './args';
import { writeReport } from './report/write-report';
import { runBatch } from './run-batch';
import { SetupError } from './errors';
import { TeachRefused, teachVerb } from './teach';
import { exportVerb, ImportRefused, importVerb } from './transfer';

async function main(argv: string[]): Promise<number> {
  let options;
  try {
    options = parseCli(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(`error: ${e.message}\n\n${USAGE}`);
    return 2;
  }
  try {
    switch (options.verb) {
      case 'help':
        console.log(USAGE);
        return 0;
      case 'run':
        await runBatch(options);
        return 0;
      case 'export':
        await exportVerb(options);
        return 0;
      case 'import':
        await importVerb(options);
        return 0;
      case 'report':
        console.log(`Report: ${writeReport(options.resultsDirs, options.outFile)}`);
        return 0;
      case 'teach':
        await teachVerb(options);
        return 0;
    }
  } catch (e) {
    if (e instanceof SetupError || e instanceof ImportRefused || e instanceof TeachRefused) {
      console.error(`error: ${e.message}`);
      return 1;
    }
    throw e;
  }
}

// Exit explicitly: a closed browser's driver connection can keep Node alive for a while.
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : e);
    process.exit(1);
  },
);
