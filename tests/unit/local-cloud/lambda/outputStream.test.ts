import { PassThrough } from 'node:stream';
import { OutputStream } from '../../../../scripts/local-cloud/lambda/outputStream';
import { flushMarker } from '../../../../scripts/local-cloud/lambda/protocol';

/** Lets the stream's 'data' events run. */
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('OutputStream', () => {
  it('logs the output without the markers and resolves flushed once the marker is read', async () => {
    const stream = new PassThrough();
    const logged: string[] = [];
    const output = new OutputStream(stream, (text) => logged.push(text));
    let flushed = false;
    void output.flushed('r1').then(() => {
      flushed = true;
    });

    stream.write('hello\n');
    await tick();
    expect(flushed).toBe(false);
    stream.write(`bye\n${flushMarker('r1')}after\n`);
    await tick();

    expect(flushed).toBe(true);
    expect(logged.join('')).toBe('hello\nbye\nafter\n');
  });

  it('joins a marker split across two reads, and a marker read before anyone waits counts', async () => {
    const stream = new PassThrough();
    const logged: string[] = [];
    const output = new OutputStream(stream, (text) => logged.push(text));
    const marker = flushMarker('r2');

    stream.write(`out${marker.slice(0, 7)}`);
    await tick();
    expect(logged.join('')).toBe('out');
    stream.write(marker.slice(7));
    await tick();

    await expect(output.flushed('r2')).resolves.toBeUndefined();
    expect(logged.join('')).toBe('out');
  });

  it('releases the waiters when closed (the process exited)', async () => {
    const output = new OutputStream(new PassThrough(), () => undefined);
    const waiting = output.flushed('never');
    output.close();
    await expect(waiting).resolves.toBeUndefined();
  });
});
