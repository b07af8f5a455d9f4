import { decodeValues, type ModelObjectFindings } from './npyModelObject';
import type { ObjectBytes } from './objectBytes';
import { summarise } from './sampledValues';

const TEXT_HEADER = 3200;
const BINARY_HEADER = 400;
const TRACE_HEADER = 240;
/** Traces read for the value sample, evenly spaced over the file. */
const SAMPLED_TRACES = 64;

/** IBM System/360 single precision, big-endian (SEG-Y format code 1). */
function ibmFloat(view: DataView, at: number): number {
  const word = view.getUint32(at, false);
  const sign = word >>> 31 ? -1 : 1;
  const exponent = (word >>> 24) & 0x7f;
  const mantissa = word & 0x00ffffff;
  return sign * (mantissa / 0x1000000) * 16 ** (exponent - 64);
}

/** Sample formats segyio reads (binary header bytes 3225–3226): bytes per sample and decoder. */
const FORMATS: Readonly<Record<number, { bytes: number; read: (view: DataView, at: number) => number }>> = {
  1: { bytes: 4, read: ibmFloat },
  2: { bytes: 4, read: (v, at) => v.getInt32(at, false) },
  3: { bytes: 2, read: (v, at) => v.getInt16(at, false) },
  5: { bytes: 4, read: (v, at) => v.getFloat32(at, false) },
  6: { bytes: 8, read: (v, at) => v.getFloat64(at, false) },
  8: { bytes: 1, read: (v, at) => v.getInt8(at) },
};

/**
 * Checks a SEG-Y model object (one trace per lateral position, samples along depth, as
 * docker/seisless_compute/io/segy.py reads it): the textual and binary headers, the trace count
 * from the object's size, the shape, then samples the values of up to 64 traces. Velocities whose
 * median exceeds 100 are in m/s (the compute divides them by 1000).
 */
export async function inspectSegyModel(
  objects: ObjectBytes,
  key: string,
  size: number,
  shape: readonly number[],
): Promise<ModelObjectFindings> {
  const name = objects.describe(key);
  if (size < TEXT_HEADER + BINARY_HEADER + TRACE_HEADER) {
    return {
      ok: false,
      errors: [
        `${name}: ${size} bytes; expected a SEG-Y file (3600 bytes of headers and at least one trace)`,
      ],
    };
  }
  const binary = await objects.read(key, TEXT_HEADER, TEXT_HEADER + BINARY_HEADER);
  const view = new DataView(binary.buffer, binary.byteOffset, binary.byteLength);
  const samples = view.getUint16(20, false);
  const formatCode = view.getUint16(24, false);
  const extended = Math.max(0, view.getInt16(304, false));
  const format = FORMATS[formatCode];
  if (format === undefined || samples === 0) {
    return {
      ok: false,
      errors: [
        `${name}: binary header gives sample format ${formatCode} and ${samples} samples per trace; expected a big-endian SEG-Y rev 0/1 file (formats 1, 2, 3, 5, 6, 8)`,
      ],
    };
  }
  const dataStart = TEXT_HEADER + BINARY_HEADER + extended * TEXT_HEADER;
  const traceBytes = TRACE_HEADER + samples * format.bytes;
  const traces = (size - dataStart) / traceBytes;
  if (!Number.isInteger(traces) || traces < 1) {
    return {
      ok: false,
      errors: [
        `${name}: ${size} bytes is not a whole number of traces of ${samples} samples (${traceBytes} bytes each after ${dataStart} bytes of headers); expected an untruncated SEG-Y file`,
      ],
    };
  }
  const lateral = shape.slice(0, -1).reduce((n, d) => n * d, 1);
  if (traces !== lateral || samples !== shape[shape.length - 1]) {
    return {
      ok: false,
      errors: [
        `${name}: ${traces} traces of ${samples} samples; expected ${lateral} traces of ${shape[shape.length - 1]} samples for model.shape ${JSON.stringify(shape)}`,
      ],
    };
  }
  const picked = new Set(
    Array.from({ length: Math.min(SAMPLED_TRACES, traces) }, (_, i) =>
      Math.floor((i * (traces - 1)) / Math.max(1, Math.min(SAMPLED_TRACES, traces) - 1)),
    ),
  );
  const chunks = await Promise.all(
    [...picked].map((t) => {
      const start = dataStart + t * traceBytes + TRACE_HEADER;
      return objects.read(key, start, start + samples * format.bytes);
    }),
  );
  const sample = summarise(decodeValues(chunks, format.bytes, format.read), traces * samples);
  return { ok: true, sample, metresPerSecond: sample.median > 100 };
}
