/**
 * Reads that arrive in one turn of the event loop share one read per key, sent after all of them
 * arrived: none is answered from a state older than its own arrival, and a burst of requests costs one
 * query instead of one each.
 */
export function sharedPerTurn<V>(read: (key: string) => Promise<V>): (key: string) => Promise<V> {
  const pending = new Map<string, Promise<V>>();
  return (key) => {
    let shared = pending.get(key);
    if (!shared) {
      shared = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
        pending.delete(key);
        return read(key);
      });
      pending.set(key, shared);
    }
    return shared;
  };
}
