// The process entry of the CLI (started by seisless.mjs under tsx): real dependencies, exit code.
import { resolve } from 'node:path';
import { processDeps } from './deps';
import { main } from './main';
import { quietSdkWarnings } from './quietSdkWarnings';

quietSdkWarnings();
main(process.argv.slice(2), processDeps(resolve(__dirname, '..', '..'))).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 70;
  },
);
