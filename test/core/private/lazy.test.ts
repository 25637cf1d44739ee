import { RegionInfo as CdkRegionInfo } from 'aws-cdk-lib/region-info';
import { lazyRecord, RegionInfo } from '../../../src/core/private/lazy';

/** Unit tests of src/core/private/lazy.ts: region facts and tables loaded on first use. */
describe('lazy', () => {
  test('RegionInfo answers as aws-cdk-lib\'s does', () => {
    expect(RegionInfo.get('us-gov-west-1').partition).toBe('aws-us-gov');
    expect(RegionInfo.regions.map((r) => r.name)).toEqual(CdkRegionInfo.regions.map((r) => r.name));
  });

  test('lazyRecord builds once, on first access, and reads like the record', () => {
    let builds = 0;
    const record = lazyRecord(() => {
      builds++;
      return { a: 1, b: 2 } as Record<string, number>;
    });
    expect(builds).toBe(0);
    expect(record.a).toBe(1);
    expect('b' in record).toBe(true);
    expect(Object.keys(record)).toEqual(['a', 'b']);
    expect({ ...record }).toEqual({ a: 1, b: 2 });
    expect(builds).toBe(1);
  });

  test('lazyRecord is read-only', () => {
    const record = lazyRecord(() => ({ a: 1 } as Record<string, number>));
    expect(() => { 'use strict'; record.a = 2; }).toThrow(TypeError);
    expect(() => { delete record.a; }).toThrow(TypeError);
    expect(record.a).toBe(1);
  });
});
