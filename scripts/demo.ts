// `npm run demo`: runs the LS-RTM example end to end on the embedded local cloud (Devito in the
// local Python environment) and says where its report is. Exit code: that of `seisless run`.
import { join, resolve } from 'node:path';
import { processDeps } from './cli/deps';
import { main } from './cli/main';
import { quietSdkWarnings } from './cli/quietSdkWarnings';

const repoRoot = resolve(__dirname, '..');
const spec = join('numerical-examples', 'specs', 'lsrtm-demo.json');

async function demo(): Promise<number> {
  quietSdkWarnings();
  process.stderr.write(`demo: seisless run ${spec} (local cloud; data and reports in .seisless/)\n`);
  const started = Date.now();
  const code = await main(['run', spec], processDeps(repoRoot, { cwd: repoRoot }));
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  process.stderr.write(
    code === 0
      ? `demo: done in ${seconds} s; open the report printed above (.seisless/reports/<runId>/index.html)\n`
      : `demo: the run did not succeed (exit ${code}) after ${seconds} s\n`,
  );
  return code;
}

demo().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 70;
  },
);
