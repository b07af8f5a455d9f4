import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chunkCount, chunkRange, decodeFloat32Npy, encodeFloat32Npy, parseNpyHeader } from '@seisless/core';

describe('float32 .npy codec', () => {
  it('round-trips data and shape with a 64-byte aligned header', () => {
    const data = Float32Array.from({ length: 12 }, (_, i) => i * 0.5 - 2);
    const bytes = encodeFloat32Npy({ shape: [3, 4], data });
    const header = parseNpyHeader(bytes, 'test');
    expect(header.headerLength % 64).toBe(0);
    const back = decodeFloat32Npy(bytes, 'test');
    expect(back.shape).toEqual([3, 4]);
    expect(Array.from(back.data)).toEqual(Array.from(data));
  });

  it('is read and written by numpy identically', () => {
    const dir = mkdtempSync(join(tmpdir(), 'npy-'));
    writeFileSync(
      join(dir, 'ts.npy'),
      encodeFloat32Npy({ shape: [2, 3], data: Float32Array.of(1, 2, 3, 4, 5, 6) }),
    );
    const script =
      'import numpy as np,sys;a=np.load(sys.argv[1]+"/ts.npy");assert a.shape==(2,3) and a.dtype==np.float32;' +
      'np.save(sys.argv[1]+"/py.npy",(a*2).astype("<f4"))';
    execFileSync('.venv/bin/python', ['-c', script, dir]);
    const fromPython = decodeFloat32Npy(readFileSync(join(dir, 'py.npy')), 'py.npy');
    expect(fromPython.shape).toEqual([2, 3]);
    expect(Array.from(fromPython.data)).toEqual([2, 4, 6, 8, 10, 12]);
  });

  it('rejects a float64 array naming the dtype expected', () => {
    const bytes = encodeFloat32Npy({ shape: [2], data: Float32Array.of(1, 2) });
    const forged = Buffer.from(bytes.toString('latin1').replace("'<f4'", "'<f8'"), 'latin1');
    expect(() => decodeFloat32Npy(forged, 'g.npy')).toThrow(
      /g\.npy: dtype '<f8'.*expected little-endian float32/,
    );
  });

  it('rejects a truncated file naming the sizes', () => {
    const bytes = encodeFloat32Npy({ shape: [4], data: new Float32Array(4) });
    expect(() => decodeFloat32Npy(bytes.subarray(0, bytes.length - 4), 'x.npy')).toThrow(
      /x\.npy: \d+ bytes; expected/,
    );
  });
});

describe('chunks', () => {
  it('covers every element exactly once with byte ranges after the header', () => {
    const layout = { elementCount: 20301, chunkSize: 8192, headerLength: 128 };
    const n = chunkCount([201, 101], 8192);
    const ranges = Array.from({ length: n }, (_, c) => chunkRange(layout, c));
    expect(n).toBe(3);
    expect(ranges.map((r) => [r.start, r.end])).toEqual([
      [0, 8192],
      [8192, 16384],
      [16384, 20301],
    ]);
    expect(ranges[2]?.lastByte).toBe(128 + 4 * 20301 - 1);
  });
});
