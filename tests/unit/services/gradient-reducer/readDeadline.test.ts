import { TransientError } from '@seisless/core';
import { beforeDeadline } from '../../../../services/gradient-reducer/src/readDeadline';

describe('beforeDeadline', () => {
  it('passes on what finishes in time', async () => {
    await expect(beforeDeadline(Promise.resolve(7), Date.now() + 1000, 'x')).resolves.toBe(7);
  });

  it('fails what is still going at the deadline with a TransientError naming it and what was due', async () => {
    const never = new Promise<never>(() => undefined);

    const late = beforeDeadline(
      never,
      Date.now() + 5,
      'the completion signal of chunk 3',
      "sent by the invocation's deadline",
    );

    await expect(late).rejects.toThrow(TransientError);
    await expect(late).rejects.toThrow(
      "the completion signal of chunk 3: not sent by the invocation's deadline; expected it sooner (retried at once)",
    );
    await expect(beforeDeadline(never, Date.now(), 'message m')).rejects.toThrow(
      "message m: not read by the invocation's read deadline",
    );
  });
});
