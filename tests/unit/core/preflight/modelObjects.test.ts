import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildNpyHeader,
  fileObjectBytes,
  type ObjectBytes,
  preflightRunSpec,
  type RunSpecInput,
  validateRunSpec,
} from '@seisless/core';
import { lsrtmSpec } from '../../../support/runSpecs';

const SHAPE = [101, 51];

/** A bucket folder on disk; keys are relative paths. */
function bucket() {
  const dir = mkdtempSync(join(tmpdir(), 'seisless-preflight-'));
  mkdirSync(join(dir, 'models'));
  const objects = fileObjectBytes((key) => join(dir, key));
  return { dir, objects, put: (key: string, body: Uint8Array) => writeFileSync(join(dir, key), body) };
}

function npy(values: Float32Array, shape: readonly number[] = SHAPE): Buffer {
  return Buffer.concat([
    buildNpyHeader(shape),
    Buffer.from(values.buffer, values.byteOffset, values.byteLength),
  ]);
}

const filled = (value: number, count = 101 * 51) => new Float32Array(count).fill(value);

/** A big-endian IEEE-float SEG-Y file: one trace per x position, `shape[1]` depth samples. */
function segy(shape: readonly number[], value: number): Buffer {
  const [traces = 0, samples = 0] = shape;
  const binary = Buffer.alloc(400);
  binary.writeUInt16BE(1000, 16); // sample interval, µs
  binary.writeUInt16BE(samples, 20);
  binary.writeUInt16BE(5, 24); // IEEE float
  const trace = Buffer.alloc(240 + 4 * samples);
  for (let i = 0; i < samples; i += 1) trace.writeFloatBE(value, 240 + 4 * i);
  return Buffer.concat([Buffer.alloc(3200, 0x40), binary, ...Array.from({ length: traces }, () => trace)]);
}

/** A `.npy` object of `descr` (three characters, as '<f4', so the header keeps its length) and raw body. */
function npyOf(descr: string, body: Buffer): Buffer {
  const header = buildNpyHeader(SHAPE).toString('latin1').replace("'<f4'", `'${descr}'`);
  return Buffer.concat([Buffer.from(header, 'latin1'), body]);
}

/** `count` elements of `bytes` each, every one written by `write`. */
function elements(bytes: number, write: (body: Buffer, at: number) => void, count = 101 * 51): Buffer {
  const body = Buffer.alloc(bytes * count);
  for (let at = 0; at < body.length; at += bytes) write(body, at);
  return body;
}

const withModel = (key: string, extra: Partial<RunSpecInput> = {}) =>
  validateRunSpec(
    lsrtmSpec({ model: { key, shape: SHAPE, spacing: [10, 10] }, background: { smoothingM: 50 }, ...extra }),
  );

describe('preflightRunSpec: model objects', () => {
  it('accepts a float32 .npy model of the right shape and uses its velocities', async () => {
    const { objects, put } = bucket();
    put('models/vp.npy', npy(filled(2.0)));

    const report = await preflightRunSpec(withModel('models/vp.npy'), objects);

    expect(report.errors).toEqual([]);
    expect(report.memory.map((job) => job.kind)).toContain('gradient');
  });

  it('names a missing object, and one of the wrong shape', async () => {
    const { dir, objects, put } = bucket();
    put('models/wrong.npy', npy(filled(2.0, 41 * 31), [41, 31]));

    const missing = await preflightRunSpec(withModel('models/none.npy'), objects);
    const wrong = await preflightRunSpec(withModel('models/wrong.npy'), objects);

    expect(missing.errors).toEqual([
      `model.key: ${join(dir, 'models/none.npy')}: no such object; expected a .npy or SEG-Y velocity model there`,
    ]);
    expect(missing.warnings).toContain(
      'model.key: velocities not read; points per wavelength and memory per job not checked',
    );
    expect(wrong.errors).toEqual([
      `model.key: ${join(dir, 'models/wrong.npy')}: shape [41,31]; expected [101,51] (model.shape)`,
    ]);
  });

  it('refuses NaN, non-positive and m/s velocities, and a truncated object', async () => {
    const { dir, objects, put } = bucket();
    const nan = filled(2.0);
    nan[7] = Number.NaN;
    put('models/nan.npy', npy(nan));
    put('models/zero.npy', npy(filled(0)));
    put('models/ms.npy', npy(filled(2000)));
    put('models/cut.npy', npy(filled(2.0)).subarray(0, 1000));

    const lines = async (key: string) => (await preflightRunSpec(withModel(key), objects)).errors;

    expect(await lines('models/nan.npy')).toEqual([
      `model.key: ${join(dir, 'models/nan.npy')}: 1 NaN or infinite values (all 5,151 values); expected finite velocities`,
    ]);
    expect(await lines('models/zero.npy')).toEqual([
      `model.key: ${join(dir, 'models/zero.npy')}: velocities from 0 to 0 km/s (all 5,151 values); expected positive velocities, km/s between 0.1 and 20`,
    ]);
    expect(await lines('models/ms.npy')).toEqual([
      `model.key: ${join(dir, 'models/ms.npy')}: velocities from 2000 to 2000 km/s (all 5,151 values); expected km/s between 0.1 and 20 (a model in m/s? .npy velocities are read as km/s)`,
    ]);
    expect(await lines('models/cut.npy')).toEqual([
      `model.key: ${join(dir, 'models/cut.npy')}: 1000 bytes; expected 20732 bytes for shape [101,51] of <f4 (truncated?)`,
    ]);
  });

  it('refuses a dtype the compute cannot read as velocities (text, complex, boolean, dates), naming it', async () => {
    const { dir, objects, put } = bucket();
    put(
      'models/text.npy',
      npyOf(
        '<U8',
        elements(32, (b, at) => b.write('2.0', at, 'utf16le')),
      ),
    );
    put(
      'models/complex.npy',
      npyOf(
        '<c8',
        elements(8, (b, at) => b.writeFloatLE(2.0, at)),
      ),
    );
    put(
      'models/bool.npy',
      npyOf(
        '|b1',
        elements(1, (b, at) => b.writeUInt8(1, at)),
      ),
    );
    put(
      'models/dates.npy',
      npyOf(
        '<M8',
        elements(8, (b, at) => b.writeBigInt64LE(2n, at)),
      ),
    );
    // numpy has no one-byte float: '<f1' is no dtype at all.
    put(
      'models/float8.npy',
      npyOf(
        '<f1',
        elements(1, (b, at) => b.writeUInt8(2, at)),
      ),
    );

    const lines = async (key: string) => (await preflightRunSpec(withModel(key), objects)).errors;

    for (const [file, descr] of [
      ['text', '<U8'],
      ['complex', '<c8'],
      ['bool', '|b1'],
      ['dates', '<M8'],
      ['float8', '<f1'],
    ]) {
      expect(await lines(`models/${file}.npy`)).toEqual([
        `model.key: ${join(dir, `models/${file}.npy`)}: dtype '${descr}'; expected a real numeric array (float32, '<f4')`,
      ]);
    }
  });

  it('reads the other real dtypes the compute converts (big-endian float64, half precision, integers) at their values', async () => {
    const { dir, objects, put } = bucket();
    put(
      'models/be64.npy',
      npyOf(
        '>f8',
        elements(8, (b, at) => b.writeDoubleBE(2.5, at)),
      ),
    );
    put(
      'models/le64.npy',
      npyOf(
        '<f8',
        elements(8, (b, at) => b.writeDoubleLE(2.5, at)),
      ),
    );
    put(
      'models/int16.npy',
      npyOf(
        '<i2',
        elements(2, (b, at) => b.writeInt16LE(2, at)),
      ),
    );
    put(
      'models/bytes.npy',
      npyOf(
        '|u1',
        elements(1, (b, at) => b.writeUInt8(3, at)),
      ),
    );
    // Half precision (numpy's '<f2'): 2.5 is 0x4100, 2048 is 0x6800.
    put(
      'models/half.npy',
      npyOf(
        '<f2',
        elements(2, (b, at) => b.writeUInt16LE(0x4100, at)),
      ),
    );
    put(
      'models/half-as-m-s.npy',
      npyOf(
        '<f2',
        elements(2, (b, at) => b.writeUInt16LE(0x6800, at)),
      ),
    );
    // Big-endian 2.5 read as little-endian would be about 5e-323 km/s, far below the range.
    put(
      'models/be64-as-m-s.npy',
      npyOf(
        '>f8',
        elements(8, (b, at) => b.writeDoubleBE(2500, at)),
      ),
    );

    const lines = async (key: string) => (await preflightRunSpec(withModel(key), objects)).errors;

    expect(await lines('models/be64.npy')).toEqual([]);
    expect(await lines('models/le64.npy')).toEqual([]);
    expect(await lines('models/int16.npy')).toEqual([]);
    expect(await lines('models/bytes.npy')).toEqual([]);
    expect(await lines('models/half.npy')).toEqual([]);
    expect(await lines('models/half-as-m-s.npy')).toEqual([
      `model.key: ${join(dir, 'models/half-as-m-s.npy')}: velocities from 2048 to 2048 km/s (all 5,151 values); expected km/s between 0.1 and 20 (a model in m/s? .npy velocities are read as km/s)`,
    ]);
    expect(await lines('models/be64-as-m-s.npy')).toEqual([
      `model.key: ${join(dir, 'models/be64-as-m-s.npy')}: velocities from 2500 to 2500 km/s (all 5,151 values); expected km/s between 0.1 and 20 (a model in m/s? .npy velocities are read as km/s)`,
    ]);
  });

  it('reads a large object in ranges, not whole', async () => {
    const { objects, put } = bucket();
    const shape = [2001, 1001];
    put('models/big.npy', npy(filled(2.5, 2001 * 1001), shape));
    let bytesRead = 0;
    const counting: ObjectBytes = {
      ...objects,
      read: async (key, start, end) => {
        bytesRead += end - start;
        return objects.read(key, start, end);
      },
    };
    const spec = validateRunSpec(
      lsrtmSpec({
        model: { key: 'models/big.npy', shape, spacing: [10, 10] },
        background: { smoothingM: 50 },
      }),
    );

    const report = await preflightRunSpec(spec, counting);

    expect(report.errors.filter((line) => line.startsWith('model.key'))).toEqual([]);
    expect(bytesRead).toBeLessThan((2001 * 1001 * 4) / 3);
  });

  it('reads a SEG-Y model in m/s from its headers and a sample of traces, and checks background.key too', async () => {
    const { dir, objects, put } = bucket();
    put('models/vp.segy', segy(SHAPE, 2500));
    put('models/short.sgy', segy(SHAPE, 2500).subarray(0, 3600 + 10 * (240 + 4 * 51) + 7));
    put('models/bg.npy', npy(filled(2000)));

    const ok = await preflightRunSpec(withModel('models/vp.segy'), objects);
    const short = await preflightRunSpec(
      withModel('models/short.sgy', { background: { key: 'models/bg.npy' } }),
      objects,
    );

    expect(ok.errors).toEqual([]);
    expect(short.errors).toEqual([
      `model.key: ${join(dir, 'models/short.sgy')}: 8047 bytes is not a whole number of traces of 51 samples (444 bytes each after 3600 bytes of headers); expected an untruncated SEG-Y file`,
      `background.key: ${join(dir, 'models/bg.npy')}: velocities from 2000 to 2000 km/s (all 5,151 values); expected km/s between 0.1 and 20 (a model in m/s? .npy velocities are read as km/s)`,
    ]);
  });
});
