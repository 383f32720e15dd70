import pg from 'pg';
import type { Actor } from './access';
import type { SessionResolver } from './auth';

/** The channel migration 0008's triggers notify with a user id when a session, the user or their grants change. */
export const SESSION_CHANNEL = 'linli_session_changed';

export type SessionCache = {
  resolve: SessionResolver;
  /** drops every entry: after a write made through this process, before its response goes out */
  forgetAll: () => void;
  /** connects the listener; until it listens, nothing is cached */
  start: () => Promise<void>;
  stop: () => Promise<void>;
  readonly isListening: boolean;
  readonly size: number;
};

type Entry = { actor: Actor; until: number };

/**
 * Signed-in requests resolve their session from memory for up to `ttlMs` instead of a database
 * round trip each (the registry bench's detail endpoint: the session lookup was half its queries).
 *
 * Staleness is bounded three ways:
 * - every change to a session, a user or a user's role grants, by any process (this server, another
 *   instance, the CLI, SQL), fires a trigger that NOTIFYs `SESSION_CHANNEL` with the user id at commit;
 *   this cache LISTENs on its own connection and drops that user's entries. While the listener is
 *   not connected (starting, lost) nothing is cached, and a lost connection clears the cache.
 * - a write request through this process clears the whole cache before its response is sent, so the
 *   next request of the same client never sees the state before its own write.
 * - an entry lives at most `ttlMs`, which also bounds how late idle and absolute session expiry
 *   (checked by the resolver) and the last-seen touch are noticed.
 * A resolve that overlaps an invalidation does not store its (possibly stale) result: `epoch` counts
 * invalidations and the result is kept only if none happened while it ran.
 */
export function createSessionCache(opts: {
  resolve: SessionResolver;
  connectionString: string;
  ttlMs: number;
  maxEntries?: number;
  /** delay before reconnecting a lost listener */
  retryMs?: number;
}): SessionCache {
  const maxEntries = opts.maxEntries ?? 10_000;
  const entries = new Map<string, Entry>();
  let epoch = 0;
  let listener: pg.Client | null = null;
  let listening = false;
  let stopped = false;
  let retry: NodeJS.Timeout | null = null;

  const forgetAll = () => {
    epoch++;
    entries.clear();
  };
  const forgetUser = (userId: string) => {
    epoch++;
    for (const [key, entry] of entries) {
      if (entry.actor.userId === userId) {
        entries.delete(key);
      }
    }
  };

  const lost = () => {
    listening = false;
    forgetAll();
    const client = listener;
    listener = null;
    client?.end().catch(() => undefined);
    if (!stopped && retry === null) {
      retry = setTimeout(() => {
        retry = null;
        connect().catch(() => undefined);
      }, opts.retryMs ?? 1000);
      retry.unref();
    }
  };

  async function connect(): Promise<void> {
    if (stopped || opts.ttlMs <= 0) {
      return;
    }
    const client = new pg.Client({ connectionString: opts.connectionString, application_name: 'linli-sessions' });
    listener = client;
    client.on('error', lost);
    client.on('end', () => {
      if (listener === client) {
        lost();
      }
    });
    client.on('notification', (message) => {
      if (message.channel === SESSION_CHANNEL && message.payload) {
        forgetUser(message.payload);
      }
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${SESSION_CHANNEL}`);
      if (listener === client && !stopped) {
        forgetAll();
        listening = true;
      }
    } catch {
      if (listener === client) {
        lost();
      }
    }
  }

  return {
    get isListening() {
      return listening;
    },
    get size() {
      return entries.size;
    },
    forgetAll,
    start: connect,
    async stop() {
      stopped = true;
      listening = false;
      if (retry) {
        clearTimeout(retry);
        retry = null;
      }
      forgetAll();
      const client = listener;
      listener = null;
      await client?.end().catch(() => undefined);
    },
    async resolve(tokenHash, sourceIp) {
      const key = tokenHash.toString('base64');
      const now = Date.now();
      const hit = entries.get(key);
      if (hit && hit.until > now && listening) {
        return { ...hit.actor, sourceIp };
      }
      entries.delete(key);
      const startedAt = epoch;
      const actor = await opts.resolve(tokenHash, sourceIp);
      if (actor && listening && epoch === startedAt) {
        if (entries.size >= maxEntries) {
          // the oldest entry (Map keeps insertion order)
          const oldest = entries.keys().next().value;
          if (oldest !== undefined) {
            entries.delete(oldest);
          }
        }
        entries.set(key, { actor, until: now + opts.ttlMs });
      }
      return actor;
    },
  };
}
