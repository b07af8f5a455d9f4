import { z } from 'zod';
import { computeTasks } from '../jobs/jobFailure';

const seconds = z.number().nonnegative();
const epochSeconds = z.number().positive();
const count = z.number().int().nonnegative();

/**
 * `iterations/{k}/timings/{task}-shot-{i}.json`: where a compute job's wall time went, written last
 * by every job (`docker/seisless_compute/tasks/runner.py`). Seconds, and epoch seconds for
 * timestamps. Read by the iterator (the iteration summary), the gradient's assembly (a shot's
 * objective) and the report.
 */
export const jobTimingsSchema = z
  .object({
    task: z.enum(computeTasks).describe('the command-line task'),
    runId: z.string().min(1),
    iteration: count.describe('0 for model and observe jobs'),
    shot: count.nullable().describe("the job's shot id (null for the model task)"),
    jobId: z.string().nullable().describe('`AWS_BATCH_JOB_ID` (null outside Batch)'),
    attempt: z.number().int().positive().describe('`AWS_BATCH_JOB_ATTEMPT`'),
    vcpus: z.number().int().positive().describe('`SEISLESS_VCPUS` (else the CPUs the job may use)'),
    threads: z.number().int().positive().describe('OpenMP threads'),
    ranks: z.number().int().positive().describe('MPI ranks'),
    kernel_s: seconds.describe('time in operator kernels'),
    sections: z.record(z.string(), seconds).describe('Devito section times, `<operator>.<section>` → s'),
    compile_s: seconds.describe('time to obtain operators (compile or load from a cache)'),
    compile_cached: z.boolean().nullable().describe('every operator came from a cache (null: none used)'),
    compile_sources: z
      .record(z.string(), count)
      .optional()
      .describe('operators per source: `disk`, `shared` (the bucket), `compiled` (solver tasks)'),
    gpts: z.number().nullable().optional().describe('10⁹ grid-point updates/s of the last operator run'),
    dt_ms: z.number().positive().nullable().optional().describe('the computational time step'),
    nt: count.nullable().optional().describe('time samples of the computational axis'),
    first_kernel_at: epochSeconds
      .nullable()
      .optional()
      .describe(
        'when the first operator run started (solver tasks; null: none ran): the fixed cost ends there',
      ),
    io_read_s: seconds.describe('S3 reads, summed over requests'),
    io_write_s: seconds.describe('S3 writes, summed over requests'),
    bytes_read: count.describe('bytes read from S3'),
    bytes_written: count.describe('bytes written to S3'),
    phases: z
      .record(z.string(), seconds)
      .describe('wall time by phase: startup, config, read, import, setup, compute, write, messages'),
    compute_parts: z
      .record(z.string(), seconds)
      .optional()
      .describe(
        'the `compute` phase by part: `kernel` (Devito sections), `operators` (compile or cache load), the ' +
          'work around the kernels by name (`allocate`, `zero`, `model`, `records`, `residual`, `crop`, ' +
          '`image`, `checks`, `resample`, `preprocess`, `precondition`, `embed`) and `other`, the rest',
      ),
    peak_rss_mib: z
      .number()
      .nonnegative()
      .optional()
      .describe(
        "the job process' peak resident memory, MiB (rank 0's under MPI), against the preflight estimate",
      ),
    total_s: seconds.describe('process start → timings written (interpreter start-up included)'),
    started_at: epochSeconds.describe('the process start (from /proc)'),
    finished_at: epochSeconds.describe('just before this file was written'),
    objective: z.number().optional().describe("the shot's objective value (gradient, objective)"),
    value: z.number().optional().describe('‖J g‖² of the shot (born-norm)'),
    messaging_s: seconds.optional().describe('sending the reduction messages (gradient)'),
    gradient_written_at: epochSeconds
      .optional()
      .describe("when the gradient's PUT completed (gradient): the start of the reduction tail"),
    shape: z.array(z.number().int().positive()).optional().describe("the model's shape (model)"),
  })
  .meta({ id: 'JobTimings' });

export type JobTimings = z.output<typeof jobTimingsSchema>;
