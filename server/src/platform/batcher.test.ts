import { describe, expect, it } from 'vitest';
import { createBatcher } from './batcher';

/** A load whose batches finish when the test says so. */
function controlled() {
  const batches: { keys: number[]; finish: () => void; fail: (error: Error) => void }[] = [];
  const load = (keys: number[]) =>
    new Promise<string[]>((resolve, reject) => {
      batches.push({ keys, finish: () => resolve(keys.map((k) => `v${k}`)), fail: reject });
    });
  return { batches, load };
}
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('createBatcher', () => {
  it('sends a lone lookup at once, and groups the lookups made while a batch runs', async () => {
    const { batches, load } = controlled();
    const get = createBatcher({ load });
    const first = get(1);
    expect(batches.map((b) => b.keys)).toEqual([[1]]);
    const later = [get(2), get(3), get(4)];
    await settle();
    expect(batches).toHaveLength(1);
    batches[0]!.finish();
    expect(await first).toBe('v1');
    await settle();
    expect(batches.map((b) => b.keys)).toEqual([[1], [2, 3, 4]]);
    batches[1]!.finish();
    expect(await Promise.all(later)).toEqual(['v2', 'v3', 'v4']);
  });

  it('runs up to maxInFlight batches at once and splits at maxBatch', async () => {
    const { batches, load } = controlled();
    const get = createBatcher({ load, maxInFlight: 2, maxBatch: 2 });
    const all = [1, 2, 3, 4, 5, 6].map((k) => get(k));
    expect(batches.map((b) => b.keys)).toEqual([[1], [2]]);
    batches[0]!.finish();
    await settle();
    expect(batches.map((b) => b.keys)).toEqual([[1], [2], [3, 4]]);
    batches[1]!.finish();
    batches[2]!.finish();
    await settle();
    expect(batches.map((b) => b.keys)).toEqual([[1], [2], [3, 4], [5, 6]]);
    batches[3]!.finish();
    expect(await Promise.all(all)).toEqual(['v1', 'v2', 'v3', 'v4', 'v5', 'v6']);
  });

  it('fails the lookups of a failed batch only, and goes on with the next', async () => {
    const { batches, load } = controlled();
    const get = createBatcher({ load });
    const a = get(1);
    const b = get(2);
    batches[0]!.fail(new Error('connection lost'));
    await expect(a).rejects.toThrow('connection lost');
    await settle();
    batches[1]!.finish();
    expect(await b).toBe('v2');
  });

  it('refuses a batch answered with the wrong number of values', async () => {
    const get = createBatcher<number, string>({ load: async () => [] });
    await expect(get(1)).rejects.toThrow(/returned 0 values/);
  });
});
