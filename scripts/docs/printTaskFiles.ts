import { parseContract, taskFileSchema, validateRunSpec } from '@seisless/core';
import { planJobs, submitRequestSchema } from '../../services/submitter/src/jobPlan';
import { buildTaskFile } from '../../services/submitter/src/taskFile';

/**
 * Prints the task files the submitter writes, for writers and readers in other languages to be
 * tested against (tests/compute/test_contracts.py): reads `{ "spec": <run spec>, "requests":
 * [<submit input>, …] }` on stdin and prints a JSON array with one task file per request, each
 * built as `submit` builds it (planJobs, buildTaskFile) and checked against `taskFileSchema`.
 *
 * @example
 * echo '{"spec": {…}, "requests": [{"runId": "r", "iteration": 1, "kind": "gradient", "shots": [0]}]}' |
 *   node --import tsx scripts/docs/printTaskFiles.ts
 */
async function main(): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const input = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { spec: unknown; requests: unknown[] };
  const spec = validateRunSpec(input.spec, 'stdin:spec');
  const tasks = input.requests.map((request, i) => {
    const plan = planJobs(parseContract(submitRequestSchema, request, `stdin:requests[${i}]`), spec);
    const task = buildTaskFile(spec, plan);
    parseContract(taskFileSchema, task, `the task file of requests[${i}]`);
    return task;
  });
  process.stdout.write(`${JSON.stringify(tasks)}\n`);
}

main().catch((error: Error) => {
  process.stderr.write(`printTaskFiles: ${error.message}\n`);
  process.exit(1);
});
