/**
 * Coalesces concurrent lookups into one query, the way a database groups concurrent commits:
 * a lookup goes out at once while fewer than `maxInFlight` batches are running; otherwise it
 * waits, and the next batch takes every lookup queued meanwhile (up to `maxBatch`). At low load a
 * lookup is one query of its own with no added delay; under load one round trip serves many.
 *
 * (npm `dataloader` batches the lookups of one event-loop tick; each HTTP request arrives in an
 * I/O callback of its own, so its batches would hold one lookup each.)
 */
export function createBatcher<K, V>(opts: {
  /** the values of `keys`, in their order */
  load: (keys: K[]) => Promise<V[]>;
  maxInFlight?: number;
  maxBatch?: number;
}): (key: K) => Promise<V> {
  const maxInFlight = opts.maxInFlight ?? 1;
  const maxBatch = opts.maxBatch ?? 200;
  type Waiting = { key: K; resolve: (value: V) => void; reject: (error: unknown) => void };
  let queue: Waiting[] = [];
  let inFlight = 0;

  const pump = () => {
    while (inFlight < maxInFlight && queue.length > 0) {
      const batch = queue.length <= maxBatch ? queue : queue.slice(0, maxBatch);
      queue = queue.length <= maxBatch ? [] : queue.slice(maxBatch);
      inFlight++;
      // run never rejects: a failed load rejects its lookups
      void run(batch).finally(() => {
        inFlight--;
        pump();
      });
    }
  };
  const run = async (batch: Waiting[]) => {
    try {
      const values = await opts.load(batch.map((w) => w.key));
      if (values.length !== batch.length) {
        throw new Error(`a batch of ${batch.length} lookups returned ${values.length} values`);
      }
      for (const [i, w] of batch.entries()) {
        w.resolve(values[i]!);
      }
    } catch (error) {
      for (const w of batch) {
        w.reject(error);
      }
    }
  };

  return (key) =>
    new Promise<V>((resolve, reject) => {
      queue.push({ key, resolve, reject });
      pump();
    });
}
