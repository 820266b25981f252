import { DeadlineExceededError, withDeadline } from './timeouts';

describe('withDeadline', () => {
  it('settles like the promise when it is in time', async () => {
    await expect(withDeadline(Promise.resolve(1), 1000, 'x')).resolves.toBe(1);
    await expect(
      withDeadline(Promise.reject(new Error('boom')), 1000, 'x'),
    ).rejects.toThrow('boom');
  });

  it('rejects naming the request when the promise never settles', async () => {
    const never = new Promise<never>(() => {});
    const result = withDeadline(never, 20, 'GET /api/v1/namespaces');
    await expect(result).rejects.toBeInstanceOf(DeadlineExceededError);
    await expect(result).rejects.toThrow(
      'GET /api/v1/namespaces timed out after 20 ms',
    );
  });
});
