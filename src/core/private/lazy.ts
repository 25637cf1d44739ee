import type * as regionInfo from 'aws-cdk-lib/region-info';

/**
 * Deferred loading of what an import of the library does not need.
 *
 * `aws-cdk-lib/region-info` builds its tables of every region's facts when
 * it loads, which costs more than aws-cdk-lib's core and the submodules an
 * app imports together. The library needs it only while constructs are
 * being defined, so it is loaded on the first use instead of at import.
 */

let regionInfoModule: typeof regionInfo | undefined;

function loadRegionInfo(): typeof regionInfo {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  regionInfoModule ??= require('aws-cdk-lib/region-info') as typeof regionInfo;
  return regionInfoModule;
}

/** `RegionInfo` from `aws-cdk-lib/region-info`, loaded on first use. */
export const RegionInfo: Pick<typeof regionInfo.RegionInfo, 'get' | 'regions'> = {
  get: (name: string) => loadRegionInfo().RegionInfo.get(name),
  get regions() {
    return loadRegionInfo().RegionInfo.regions;
  },
};

/**
 * A read-only record built on first access: for module-level tables whose
 * values need a module loaded on first use.
 */
export function lazyRecord<T extends object>(build: () => T): T {
  let built: T | undefined;
  const target = (): T => (built ??= build());
  return new Proxy({} as T, {
    get: (_, key) => Reflect.get(target(), key),
    has: (_, key) => Reflect.has(target(), key),
    ownKeys: () => Reflect.ownKeys(target()),
    getOwnPropertyDescriptor: (_, key) => {
      const d = Reflect.getOwnPropertyDescriptor(target(), key);
      return d && { ...d, configurable: true };
    },
    set: () => false,
    defineProperty: () => false,
    deleteProperty: () => false,
  });
}
