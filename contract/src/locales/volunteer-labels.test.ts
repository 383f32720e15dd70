import { describe, expect, it } from 'vitest';
import { volunteerLabels } from '../volunteers';
import { en } from './en';
import { zhCN } from './zh-CN';

describe('zh-CN volunteer labels', () => {
  it('repeat the contract’s volunteerLabels (exports use the contract, the console the locale)', () => {
    expect(zhCN.volunteers).toEqual(volunteerLabels);
    expect(Object.keys(en.volunteers.skill)).toEqual(Object.keys(volunteerLabels.skill));
  });
});
