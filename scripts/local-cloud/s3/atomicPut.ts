import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type S3rver from 's3rver';

type FilesystemStore = S3rver['store'];
type StoredObject = Parameters<FilesystemStore['putObject']>[0];

/**
 * Makes the store's PutObject all or nothing, as S3's is. s3rver 3.7.1 truncates the object's
 * file and streams the body into it in place, so a client that dies mid-body (a Lambda killed at
 * its timeout during a PUT) leaves a cut object: with no metadata when the key was new (every later
 * reader fails), or with the previous object's metadata. It also answers before a buffered body
 * is flushed. Here the body goes to a file of its own beside the data folder, and only once all
 * of it is on disk does it replace the object (a rename), followed by the metadata, as s3rver
 * writes them; a body that ends early changes nothing.
 *
 * `inFlight` holds each key's write until it has settled, so that the server can keep the key
 * locked until then even when the client has gone (`server.ts`).
 */
export function installAtomicPuts(store: FilesystemStore, inFlight: Map<string, Promise<unknown>>): void {
  const incoming = incomingFolder(store.rootDirectory);
  store.putObject = (object) => {
    const id = `${object.bucket}/${object.key}`;
    const write = putAtomically(store, incoming, object);
    const settled = write.catch(() => undefined);
    inFlight.set(id, settled);
    void settled.then(() => {
      if (inFlight.get(id) === settled) inFlight.delete(id);
    });
    return write;
  };
}

async function putAtomically(
  store: FilesystemStore,
  incoming: string,
  object: StoredObject,
): Promise<{ size: number; md5: string }> {
  await mkdir(incoming, { recursive: true });
  const partial = join(incoming, randomUUID());
  const md5 = createHash('md5');
  let size = 0;
  const count = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      md5.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
  });
  const body = Buffer.isBuffer(object.content) ? Readable.from([object.content]) : object.content;
  try {
    // Settles in every case: an aborted request ends the pipeline with ERR_STREAM_PREMATURE_CLOSE.
    await pipeline(body, count, createWriteStream(partial));
    const target = store.getResourcePath(object.bucket, object.key, 'object');
    await mkdir(dirname(target), { recursive: true });
    await rename(partial, target);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  const digest = md5.digest('hex');
  await store.putMetadata(object.bucket, object.key, object.metadata, digest);
  return { size, md5: digest };
}

/** The folder of bodies being received, beside the store's data folder. */
export function incomingFolder(rootDirectory: string): string {
  return `${rootDirectory}-incoming`;
}

/**
 * The longest a part file can belong to a live PutObject: Node's HTTP server ends a request that
 * has not been received whole after `requestTimeout` (300 s by default, not changed here), and a
 * part file is written as its body arrives. Twice that, for a margin.
 */
export const ORPHANED_PART_AGE_MS = 600_000;

/**
 * Removes the part files that no live PutObject writes: those of a local cloud stopped in the middle
 * of a body (killed: a stop that runs its hooks lets writes settle), untouched for longer than any
 * request may last. Called at start-up; another local cloud on the same data folder keeps its parts.
 * Returns the names removed.
 */
export async function removeOrphanedParts(incoming: string, now = Date.now()): Promise<string[]> {
  const names = await readdir(incoming).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of names) {
    const path = join(incoming, name);
    const modified = await stat(path).then(
      (info) => info.mtimeMs,
      () => now,
    );
    if (now - modified <= ORPHANED_PART_AGE_MS) continue;
    await rm(path, { force: true });
    removed.push(name);
  }
  return removed;
}
