import { describe, expect, it } from 'vitest';
import { activityLabels, presetCampaigns } from '../activities';
import { permissionKeys } from '../permissions';
import { en } from './en';
import { zhCN } from './zh-CN';

describe('zh-CN activity labels', () => {
  it('repeat the contract’s activityLabels (exports use the contract, the console the locale)', () => {
    expect(zhCN.activities.field).toEqual(activityLabels.field);
    expect(zhCN.activities.kind).toEqual(activityLabels.kind);
    expect(zhCN.activities.status).toEqual(activityLabels.status);
    expect(zhCN.activities.venueKind).toEqual(activityLabels.venueKind);
    expect(zhCN.activities.practiceLevel).toEqual(activityLabels.practiceLevel);
    expect(zhCN.activities.bookingStatus).toEqual(activityLabels.bookingStatus);
    expect(Object.keys(zhCN.activities.campaign)).toEqual([...presetCampaigns]);
  });

  it('every permission has a label in both languages', () => {
    const lookup = (messages: unknown, key: string) =>
      key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages);
    for (const key of permissionKeys) {
      expect(typeof lookup(zhCN, `permissions.${key}`), key).toBe('string');
      expect(typeof lookup(en, `permissions.${key}`), key).toBe('string');
    }
  });
});
