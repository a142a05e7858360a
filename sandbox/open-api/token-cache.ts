/**
 * A private token cache for node-sdk clients in tests. The SDK's default cache is one module-level
 * object keyed by appId, so a client created for a second stand-in in the same process would reuse
 * the first stand-in's token and get 99991663. Pass `cache: memoryTokenCache()` to each Client.
 */
export interface SdkCache {
  get(key: unknown, options?: { namespace?: string }): Promise<unknown>;
  set(key: unknown, value: unknown, expire?: number, options?: { namespace?: string }): Promise<boolean>;
}

export function memoryTokenCache(): SdkCache {
  const store = new Map<string, { value: unknown; expire: number }>();
  // The SDK keys the tenant token by a Symbol; one cache per client makes the description enough.
  const keyOf = (key: unknown, ns?: string): string => `${ns ?? ''}:${typeof key === 'symbol' ? (key.description ?? 'symbol') : String(key)}`;
  return {
    get: (key, options) => {
      const hit = store.get(keyOf(key, options?.namespace));
      return Promise.resolve(hit && hit.expire > Date.now() ? hit.value : undefined);
    },
    set: (key, value, expire, options) => {
      store.set(keyOf(key, options?.namespace), { value, expire: expire ?? Number.MAX_SAFE_INTEGER });
      return Promise.resolve(true);
    },
  };
}
