import { encodeFloat32Npy, InputError, runKeys, TransientError } from '@seisless/core';
import { readGradientChunk } from '../../../../services/gradient-reducer/src/gradientChunkReader';
import { InMemoryBlobStore } from '../../../support/inMemoryBlobStore';
import {
  gradientChunk,
  reductionMessage,
  seedGradient,
  shotGradient,
  TEST_BUCKET,
} from '../../../support/reductionMessages';

describe('readGradientChunk', () => {
  const g = shotGradient({ shape: [4, 5], chunkSize: 8 });

  it.each([0, 1, 2])('reads chunk %i with two byte-range GETs', async (chunk) => {
    const store = new InMemoryBlobStore();
    seedGradient(store, g);

    const values = await readGradientChunk(store, reductionMessage(g, chunk));

    expect(Array.from(values)).toEqual(Array.from(gradientChunk(g, chunk)));
    const header = reductionMessage(g, chunk).headerLength;
    expect(store.calls.map((c) => c.range)).toEqual([
      { first: 0, last: header - 1 },
      { first: header + 32 * chunk, last: header + 4 * Math.min(8 * (chunk + 1), 20) - 1 },
    ]);
  });

  it('fails (to be retried) when the gradient does not exist yet', async () => {
    await expect(readGradientChunk(new InMemoryBlobStore(), reductionMessage(g, 0))).rejects.toThrow(
      TransientError,
    );
  });

  it.each([
    ['another shape', encodeFloat32Npy({ shape: [5, 4], data: g.data }), /shape \[5, 4\]/],
    [
      'a truncated object',
      encodeFloat32Npy({ shape: [4, 5], data: g.data }).subarray(0, 170),
      /bytes; expected/,
    ],
    [
      'an object shorter than the chunk',
      encodeFloat32Npy({ shape: [4, 5], data: g.data }).subarray(0, 100),
      /past/,
    ],
    ['not a .npy', Buffer.alloc(200, 7), /not a .npy file/],
  ])('rejects %s', async (_what, bytes, message) => {
    const store = new InMemoryBlobStore();
    store.seed({ bucket: TEST_BUCKET, key: runKeys(g.runId).gradient(g.iteration, g.shot) }, bytes);

    const read = readGradientChunk(store, reductionMessage(g, 1));

    await expect(read).rejects.toThrow(InputError);
    await expect(read).rejects.toThrow(message);
  });

  it.each([
    [64, /truncated .npy header/],
    [192, /header of 128 bytes; the message says headerLength 192/],
  ])("rejects a message whose headerLength (%i) is not the header's", async (headerLength, message) => {
    const store = new InMemoryBlobStore();
    seedGradient(store, g);

    await expect(readGradientChunk(store, reductionMessage(g, 0, { headerLength }))).rejects.toThrow(message);
  });

  it('rejects float64 data', async () => {
    const store = new InMemoryBlobStore();
    const bytes = encodeFloat32Npy({ shape: g.shape, data: g.data });
    bytes.write("'<f8'", bytes.indexOf("'<f4'"), 'latin1');
    store.seed({ bucket: TEST_BUCKET, key: runKeys(g.runId).gradient(g.iteration, g.shot) }, bytes);

    await expect(readGradientChunk(store, reductionMessage(g, 0))).rejects.toThrow(/dtype '<f8'/);
  });
});
