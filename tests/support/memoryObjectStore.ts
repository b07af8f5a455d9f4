import {
  decodeFloat32Npy,
  encodeFloat32Npy,
  InputError,
  type ObjectInfo,
  type ObjectStore,
} from '@seisless/core';

/** An in-memory ObjectStore with the same encodings as S3 (JSON text, .npy bytes). */
export function memoryObjectStore(
  clock: () => number = Date.now,
): ObjectStore & { objects: Map<string, ObjectInfo & { body: Buffer }> } {
  const objects = new Map<string, ObjectInfo & { body: Buffer }>();
  const put = async (key: string, body: Buffer) => {
    objects.set(key, { key, size: body.length, lastModified: clock(), body });
  };
  const get = (key: string): Buffer => {
    const found = objects.get(key);
    if (found === undefined) throw new InputError(`memory://${key}: no such object`);
    return found.body;
  };
  return {
    objects,
    getJson: async <T>(key: string) => JSON.parse(get(key).toString('utf8')) as T,
    getJsonOrUndefined: async <T>(key: string) =>
      objects.has(key) ? (JSON.parse(get(key).toString('utf8')) as T) : undefined,
    putJson: (key, value) => put(key, Buffer.from(JSON.stringify(value))),
    getNpy: async (key) => decodeFloat32Npy(get(key), key),
    putNpy: (key, array) => put(key, encodeFloat32Npy(array)),
    exists: async (key) => objects.has(key),
    list: async (prefix) =>
      [...objects.values()].filter((o) => o.key.startsWith(prefix)).map(({ body: _b, ...info }) => info),
  };
}
