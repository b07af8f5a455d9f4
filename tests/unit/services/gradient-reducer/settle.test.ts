import { settle } from '../../../../services/gradient-reducer/src/settle';

describe('settle', () => {
  it('turns a resolution into ok and a rejection into an error value', async () => {
    const error = new Error('no');

    await expect(settle(Promise.resolve(3))).resolves.toEqual({ ok: true, value: 3 });
    await expect(settle(Promise.reject(error))).resolves.toEqual({ ok: false, error });
  });
});
