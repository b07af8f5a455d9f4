import { KeyLocks } from '../../../../scripts/local-cloud/s3/keyLocks';

/** Resolves after pending promise callbacks have run. */
const settle = () => new Promise((done) => setImmediate(done));

describe('KeyLocks', () => {
  it('lets readers of a key share it', async () => {
    const locks = new KeyLocks();

    const [a, b] = await Promise.all([locks.acquire('k', 'shared'), locks.acquire('k', 'shared')]);

    expect(typeof a).toBe('function');
    expect(typeof b).toBe('function');
  });

  it('gives a writer the key alone, and lets later requests in once it releases', async () => {
    const locks = new KeyLocks();
    const order: string[] = [];
    const release = await locks.acquire('k', 'exclusive');
    const reader = locks.acquire('k', 'shared').then((r) => {
      order.push('read');
      return r;
    });
    const writer = locks.acquire('k', 'exclusive').then((r) => {
      order.push('write');
      return r;
    });
    await settle();

    expect(order).toEqual([]);
    release();
    (await reader)();
    (await writer)();

    expect(order).toEqual(['read', 'write']);
  });

  it('holds later readers back behind a waiting writer (no writer starvation)', async () => {
    const locks = new KeyLocks();
    const order: string[] = [];
    const firstRead = await locks.acquire('k', 'shared');
    const noting = (what: string) => (release: () => void) => {
      order.push(what);
      return release;
    };
    const write = locks.acquire('k', 'exclusive').then(noting('write'));
    const laterRead = locks.acquire('k', 'shared').then(noting('later read'));
    await settle();

    expect(order).toEqual([]);
    firstRead();
    (await write)();
    (await laterRead)();

    expect(order).toEqual(['write', 'later read']);
  });

  it('keeps keys apart and forgets a key once nobody holds or waits for it', async () => {
    const locks = new KeyLocks();
    const a = await locks.acquire('a', 'exclusive');
    const b = await locks.acquire('b', 'exclusive');

    expect(locks.size).toBe(2);
    a();
    a();
    b();

    expect(locks.size).toBe(0);
  });
});
