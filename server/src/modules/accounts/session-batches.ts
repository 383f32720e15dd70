import { createBatcher } from '../../platform/batcher';
import type { Db } from '../../platform/db';
import * as q from './queries';
import type { SessionRow } from './tables';

/**
 * Reads sessions for signed-in requests, many in one query when they come together
 * (platform/batcher.ts): under a check-in rush, the session lookup was one round trip per request.
 */
export function createSessionLoader(db: Db): (tokenHash: Buffer) => Promise<SessionRow | null> {
  return createBatcher({
    load: async (hashes: Buffer[]) => {
      const rows = await q.findSessions(db, hashes);
      const byHash = new Map(rows.map((r) => [r.token_hash.toString('base64'), r]));
      return hashes.map((h) => byHash.get(h.toString('base64')) ?? null);
    },
  });
}

export type SessionToucher = {
  /** marks the session as seen at the next write of the batch */
  touch: (tokenHash: Buffer) => void;
  /** writes what is left and stops */
  stop: () => Promise<void>;
};

/**
 * Marks sessions as just seen (`last_seen_at`, which the 30-minute idle timeout reads) in batches:
 * a signed-in request whose session was last marked more than 30 seconds ago adds it to the batch,
 * and every `intervalMs` one statement marks the whole batch. A request no longer waits for a write
 * and a commit of its own before its real work — under a check-in rush that was one extra round
 * trip and WAL flush per check-in.
 *
 * What a crash loses is at most one interval of marks: a session then looks idle a second earlier
 * than it was, against a 30-minute timeout whose marks are 30 seconds apart anyway.
 */
export function createSessionToucher(
  db: Db,
  opts: { intervalMs?: number; onError?: (error: unknown) => void } = {},
): SessionToucher {
  let pending = new Map<string, Buffer>();
  let writing: Promise<void> = Promise.resolve();
  let stopped = false;

  const flush = () => {
    // one write at a time, in order
    writing = writing.then(async () => {
      if (pending.size === 0) {
        return;
      }
      const batch = [...pending.values()];
      pending = new Map();
      try {
        await q.touchSessions(db, batch);
      } catch (error) {
        opts.onError?.(error);
      }
    });
    return writing;
  };
  const timer = setInterval(() => void flush(), opts.intervalMs ?? 1000);
  timer.unref();

  return {
    touch(tokenHash) {
      if (stopped) {
        return;
      }
      pending.set(tokenHash.toString('base64'), tokenHash);
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      await flush();
    },
  };
}
