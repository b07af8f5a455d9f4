import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, normalize, sep } from 'node:path';
import { SeislessError } from '@seisless/core';
import { unzip } from 'fflate';

function inflate(zip: Uint8Array): Promise<Record<string, Uint8Array>> {
  return new Promise((resolve, reject) => {
    unzip(zip, (error, files) => (error ? reject(error) : resolve(files)));
  });
}

/** A path inside the archive that would land outside the target folder is refused ("zip slip"). */
function safeEntryPath(name: string, archive: string): string {
  const relative = normalize(name);
  if (isAbsolute(relative) || relative === '..' || relative.startsWith(`..${sep}`)) {
    throw new SeislessError(`${archive}: entry '${name}' points outside the archive's folder`);
  }
  return relative;
}

/**
 * Writes every file of a zip archive under `folder`. Inflation runs off the main thread (fflate's
 * asynchronous API), so unpacking the ten functions of a fresh package does not stall the cloud.
 */
export async function extractZip(zip: Uint8Array, folder: string, archive: string): Promise<number> {
  let files: Record<string, Uint8Array>;
  try {
    files = await inflate(zip);
  } catch (error) {
    throw new SeislessError(`${archive}: not a readable zip archive: ${(error as Error).message}`, {
      cause: error,
    });
  }
  let written = 0;
  for (const [name, content] of Object.entries(files)) {
    const path = join(folder, safeEntryPath(name, archive));
    if (name.endsWith('/')) {
      mkdirSync(path, { recursive: true });
      continue;
    }
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
    written += 1;
  }
  return written;
}
