import {
  assembledGradientSchema,
  awaitWakeInputSchema,
  iterationSummarySchema,
  jobFailureRecordSchema,
  jobsProgressSchema,
  jobsRefSchema,
  jobTimingsSchema,
  lineSearchStateSchema,
  reductionMessageSchema,
  reductionStatusSchema,
  runContextSchema,
  runStateSchema,
  stepDecisionSchema,
  taskFileSchema,
  trialScalarSchema,
  waiterRecordSchema,
  wakeRecordSchema,
} from '@seisless/core';
import { z } from 'zod';
import type { JsonSchema } from './fieldTable';

/**
 * A contract between parts: where it is defined once and which page documents it. Its section is
 * the header comment of `comment` (a format that is not JSON: object metadata, bytes), the field
 * tables of `schema`, or both in that order.
 */
export interface Contract {
  /** The section's name in the page (`<!-- contract:{name} … -->`) and the CLI's argument. */
  readonly name: string;
  /** The page under docs/contracts/. */
  readonly doc: string;
  readonly schema?: z.ZodType;
  /** The schema's export and file (or the commented file), for the generated section's note. */
  readonly source: string;
  /** A file, from the repository root, whose header comment from its `## ` heading on opens the section. */
  readonly comment?: string;
}

/** Every contract whose page section is generated from its schema. */
export const CONTRACTS: readonly Contract[] = [
  {
    name: 'reduction-message',
    doc: 'messages.md',
    schema: reductionMessageSchema,
    source: 'reductionMessageSchema, packages/core/src/reduction/message.ts',
  },
  {
    name: 'accumulator-object',
    doc: 'messages.md',
    source: 'packages/core/src/reduction/accumulator/accumulatorObject.ts',
    comment: 'packages/core/src/reduction/accumulator/accumulatorObject.ts',
  },
  {
    name: 'assembled-gradient',
    doc: 'state-machine.md',
    schema: assembledGradientSchema,
    source: 'assembledGradientSchema, packages/core/src/reduction/assembledGradient.ts',
    comment: 'packages/core/src/reduction/assembledGradient.ts',
  },
  {
    name: 'run-context',
    doc: 'state-machine.md',
    schema: runContextSchema,
    source: 'runContextSchema, packages/core/src/contracts/runState.ts',
  },
  {
    name: 'jobs-ref',
    doc: 'state-machine.md',
    schema: jobsRefSchema,
    source: 'jobsRefSchema, packages/core/src/contracts/jobsRef.ts',
  },
  {
    name: 'jobs-progress',
    doc: 'state-machine.md',
    schema: jobsProgressSchema,
    source: 'jobsProgressSchema, packages/core/src/contracts/jobsProgress.ts',
  },
  {
    name: 'reduction-status',
    doc: 'state-machine.md',
    schema: reductionStatusSchema,
    source: 'reductionStatusSchema, packages/core/src/contracts/reductionStatus.ts',
  },
  {
    name: 'step-decision',
    doc: 'state-machine.md',
    schema: stepDecisionSchema,
    source: 'stepDecisionSchema, packages/core/src/contracts/stepDecision.ts',
  },
  {
    name: 'run-state',
    doc: 'state-machine.md',
    schema: runStateSchema,
    source: 'runStateSchema, packages/core/src/contracts/runState.ts',
  },
  {
    name: 'line-search-state',
    doc: 'state-machine.md',
    schema: lineSearchStateSchema,
    source: 'lineSearchStateSchema, packages/core/src/contracts/lineSearchState.ts',
  },
  {
    name: 'iteration-summary',
    doc: 'state-machine.md',
    schema: iterationSummarySchema,
    source: 'iterationSummarySchema, packages/core/src/contracts/iterationSummary.ts',
  },
  {
    name: 'await-wake-input',
    doc: 'state-machine.md',
    schema: awaitWakeInputSchema,
    source: 'awaitWakeInputSchema, packages/core/src/contracts/runWake.ts',
  },
  {
    name: 'waiter-record',
    doc: 'state-machine.md',
    schema: waiterRecordSchema,
    source: 'waiterRecordSchema, packages/core/src/contracts/runWake.ts',
  },
  {
    name: 'wake-record',
    doc: 'state-machine.md',
    schema: wakeRecordSchema,
    source: 'wakeRecordSchema, packages/core/src/contracts/runWake.ts',
  },
  {
    name: 'task-file',
    doc: 'jobs.md',
    schema: taskFileSchema,
    source: 'taskFileSchema, packages/core/src/spec/taskFile.ts',
  },
  {
    name: 'trial-scalar',
    doc: 'jobs.md',
    schema: trialScalarSchema,
    source: 'trialScalarSchema, packages/core/src/contracts/trialScalar.ts',
  },
  {
    name: 'job-timings',
    doc: 'jobs.md',
    schema: jobTimingsSchema,
    source: 'jobTimingsSchema, packages/core/src/contracts/jobTimings.ts',
  },
  {
    name: 'job-failure-record',
    doc: 'jobs.md',
    schema: jobFailureRecordSchema,
    source: 'jobFailureRecordSchema, packages/core/src/jobs/jobFailure.ts',
  },
];

/**
 * A contract schema's JSON Schema. `input` is what a writer may send (defaults optional), the
 * form the docs show; `output` is what a reader gets, with unknown fields refused: the form a
 * writer in another language is tested against.
 */
export function contractJsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  return z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
}

/** The contracts defined by a schema (JSON), the ones printContractSchema prints. */
export const SCHEMA_CONTRACTS = CONTRACTS.filter(
  (c): c is Contract & { readonly schema: z.ZodType } => c.schema !== undefined,
);
