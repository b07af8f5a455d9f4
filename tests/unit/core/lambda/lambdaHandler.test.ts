import {
  ConfigError,
  type Env,
  lambdaHandler,
  requireEnv,
  s3LogKeys,
  sqsLogKeys,
  stateInputLogKeys,
  TransientError,
  ValidationError,
} from '@seisless/core';
import type { S3Event, SQSEvent } from 'aws-lambda';
import { z } from 'zod';
import { lambdaContext, s3Event } from '../../../support/lambdaEvents';
import { reductionMessage, shotGradient, sqsRecord } from '../../../support/reductionMessages';

/** The JSON lines the Logger writes during `act` (stdout and stderr, as the Lambda log has them). */
async function logLines(act: () => Promise<unknown>): Promise<Record<string, unknown>[]> {
  const written: string[] = [];
  const capture = (chunk: unknown) => {
    written.push(String(chunk));
    return true;
  };
  const stdout = jest.spyOn(process.stdout, 'write').mockImplementation(capture);
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(capture);
  try {
    await act().catch(() => undefined);
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
  return written
    .join('')
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('lambdaHandler', () => {
  it('puts the run keys of a state-machine input and the function context on every line', async () => {
    const handler = lambdaHandler(
      { service: 'seisless-iterator', logKeys: stateInputLogKeys },
      (event: { runId: string; iteration: number }, { logger }) => {
        logger.info('selected', { shots: [1, 2] });
        return event.iteration + 1;
      },
    );

    const lines = await logLines(() => handler({ runId: 'demo', iteration: 3 }, lambdaContext('fn-select')));

    expect(lines).toEqual([
      expect.objectContaining({
        level: 'INFO',
        message: 'selected',
        service: 'seisless-iterator',
        function_name: 'fn-select',
        runId: 'demo',
        iteration: 3,
        shots: [1, 2],
      }),
    ]);
  });

  it('puts the run, iteration and shot of an SQS batch on its lines', async () => {
    const handler = lambdaHandler(
      { service: 'seisless-gradient-reducer', logKeys: sqsLogKeys },
      (_event: SQSEvent, { logger }) => logger.info('reduce', { counts: { added: 1 } }),
    );
    const event = { Records: [sqsRecord(reductionMessage(shotGradient({ iteration: 2, shot: 5 }), 0))] };

    const [line] = await logLines(() => handler(event, lambdaContext()));

    expect(line).toMatchObject({
      message: 'reduce',
      runId: 'demo',
      iteration: 2,
      shot: 5,
      counts: { added: 1 },
    });
  });

  it('puts the run named by an S3 key on its lines', async () => {
    const handler = lambdaHandler(
      { service: 'seisless-iterator', logKeys: s3LogKeys },
      (_event: S3Event, { logger }) => logger.info('started'),
    );

    const [line] = await logLines(() => handler(s3Event('runs/demo/spec.json'), lambdaContext()));

    expect(line).toMatchObject({ message: 'started', runId: 'demo' });
  });

  it('returns what the body returns', async () => {
    const handler = lambdaHandler(
      { service: 's', logKeys: stateInputLogKeys },
      async (event: { n: number }) => ({
        doubled: event.n * 2,
      }),
    );

    let result: unknown;
    await logLines(async () => {
      result = await handler({ n: 21 }, lambdaContext());
    });

    expect(result).toEqual({ doubled: 42 });
  });

  it('rethrows a failure with its name, logged once with the run keys', async () => {
    const failure = new TransientError('accumulator changed under us');
    const handler = lambdaHandler({ service: 's', logKeys: stateInputLogKeys }, async () => {
      throw failure;
    });
    let thrown: unknown;

    const lines = await logLines(async () => {
      await handler({ runId: 'demo', iteration: 1 }, lambdaContext()).catch((error: unknown) => {
        thrown = error;
      });
    });

    expect(thrown).toBe(failure);
    expect((thrown as Error).name).toBe('TransientError');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 'ERROR',
      runId: 'demo',
      iteration: 1,
      error: expect.objectContaining({ name: 'TransientError', message: 'accumulator changed under us' }),
    });
  });

  it('does not carry one invocation keys into the next (a warm container serves other runs)', async () => {
    const handler = lambdaHandler(
      { service: 's', logKeys: stateInputLogKeys },
      (_event: object, { logger }) => logger.info('hello'),
    );

    const lines = await logLines(async () => {
      await handler({ runId: 'first', iteration: 1 }, lambdaContext());
      await handler({}, lambdaContext());
    });

    expect(lines[0]).toMatchObject({ runId: 'first', iteration: 1 });
    expect(lines[1]).not.toHaveProperty('runId');
    expect(lines[1]).not.toHaveProperty('iteration');
  });

  it('gives the body the input its schema parsed (defaults applied)', async () => {
    const schema = z.object({ runId: z.string(), failOnError: z.boolean().default(false) });
    const handler = lambdaHandler({ service: 's', logKeys: stateInputLogKeys, input: schema }, (input) => ({
      runId: input.runId,
      failOnError: input.failOnError,
    }));
    let result: unknown;

    await logLines(async () => {
      result = await handler({ runId: 'demo' }, lambdaContext());
    });

    expect(result).toEqual({ runId: 'demo', failOnError: false });
  });

  it('refuses a bad input with one ValidationError naming every field, logged with the run keys', async () => {
    const schema = z.strictObject({ runId: z.string(), iteration: z.number().int().positive() });
    const body = jest.fn();
    const handler = lambdaHandler({ service: 's', logKeys: stateInputLogKeys, input: schema }, body);
    let thrown: unknown;

    const lines = await logLines(async () => {
      await handler({ runId: 'demo', iteration: 0, extra: 1 }, lambdaContext('fn-update')).catch(
        (error: unknown) => {
          thrown = error;
        },
      );
    });

    expect(body).not.toHaveBeenCalled();
    expect(thrown).toBeInstanceOf(ValidationError);
    expect((thrown as Error).message).toBe(
      'fn-update input is invalid: iteration: 0; expected a number > 0; extra: unknown field; remove it or check its spelling',
    );
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'ERROR',
        runId: 'demo',
        error: expect.objectContaining({ name: 'ValidationError' }),
      }),
    ]);
  });

  it('builds its dependencies on the first invocation only', async () => {
    const build = jest.fn((env: Env) => ({ bucket: requireEnv(env, 'SEISLESS_BUCKET', 'a bucket name') }));
    const handler = lambdaHandler(
      { service: 's', logKeys: stateInputLogKeys, deps: build },
      (_event: object, { deps }) => deps.bucket,
    );
    const previous = process.env.SEISLESS_BUCKET;
    process.env.SEISLESS_BUCKET = 'seisless-test-data';
    const results: unknown[] = [];

    try {
      expect(build).not.toHaveBeenCalled();
      await logLines(async () => {
        results.push(await handler({}, lambdaContext()));
        results.push(await handler({}, lambdaContext()));
      });
    } finally {
      if (previous === undefined) delete process.env.SEISLESS_BUCKET;
      else process.env.SEISLESS_BUCKET = previous;
    }

    expect(results).toEqual(['seisless-test-data', 'seisless-test-data']);
    expect(build).toHaveBeenCalledTimes(1);
  });

  it('fails the invocation with the configuration error, and builds again on the next one', async () => {
    let attempts = 0;
    const handler = lambdaHandler(
      {
        service: 's',
        logKeys: stateInputLogKeys,
        deps: () => {
          attempts += 1;
          if (attempts === 1) throw new ConfigError('SEISLESS_BUCKET', 'missing', 'the data bucket name');
          return { bucket: 'b' };
        },
      },
      (_event: object, { deps }) => deps.bucket,
    );
    let thrown: unknown;
    let second: unknown;

    const lines = await logLines(async () => {
      await handler({ runId: 'demo' }, lambdaContext()).catch((error: unknown) => {
        thrown = error;
      });
      second = await handler({ runId: 'demo' }, lambdaContext());
    });

    expect((thrown as Error).name).toBe('ConfigError');
    expect((thrown as Error).message).toBe('SEISLESS_BUCKET: missing; expected the data bucket name');
    expect(lines[0]).toMatchObject({ level: 'ERROR', runId: 'demo' });
    expect(second).toBe('b');
  });
});
