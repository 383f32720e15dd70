import { describe, expect, it } from 'vitest';
import { needLabels } from '../needs';
import { zhCN } from './zh-CN';

describe('zh-CN need labels', () => {
  it('repeat the contract’s needLabels (exports use the contract, the console the locale)', () => {
    expect(zhCN.needs.status).toEqual(needLabels.status);
    expect(zhCN.needs.action).toEqual(needLabels.action);
    expect(zhCN.needs.level).toEqual(needLabels.level);
    expect(zhCN.needs.fulfilment).toEqual(needLabels.fulfilment);
  });
});
