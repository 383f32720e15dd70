import { dispatchLevels, needActions, needStatuses } from '@linli/contract/needs';
import { describe, expect, it } from 'vitest';
import { firstNeedState, isFinal, type NeedState, nextNeedState } from './need-machine';

/**
 * Every legal step, written out by hand as `status@level action → status@level`. Every
 * (status, level, action) not listed here must be illegal.
 */
const LEGAL: Record<string, string> = {};
for (const level of dispatchLevels) {
  const up = { station: 'institute', institute: 'center', center: null }[level];
  for (const queued of ['posted', 'redispatched', 'refused']) {
    LEGAL[`${queued}@${level} dispatch`] = `dispatched@${level}`;
    LEGAL[`${queued}@${level} decline`] = `declined@${level}`;
    LEGAL[`${queued}@${level} cancel`] = `cancelled@${level}`;
    if (up) {
      LEGAL[`${queued}@${level} redispatch`] = `redispatched@${up}`;
    }
  }
  LEGAL[`dispatched@${level} accept`] = `accepted@${level}`;
  LEGAL[`dispatched@${level} refuse`] = `refused@${level}`;
  LEGAL[`dispatched@${level} cancel`] = `cancelled@${level}`;
  LEGAL[`accepted@${level} complete`] = `done@${level}`;
  LEGAL[`done@${level} rate`] = `rated@${level}`;
}
const show = (s: NeedState | null) => (s ? `${s.status}@${s.level}` : null);

describe('the need state machine', () => {
  it('starts posted at the community station', () => {
    expect(firstNeedState).toEqual({ status: 'posted', level: 'station' });
  });

  const cases = needStatuses.flatMap((status) =>
    dispatchLevels.flatMap((level) => needActions.map((action) => ({ status, level, action }))),
  );
  it(`covers all ${cases.length} (status, level, action) combinations`, () => {
    expect(cases).toHaveLength(9 * 3 * 9);
  });

  for (const { status, level, action } of cases) {
    const key = `${status}@${level} ${action}`;
    const expected = LEGAL[key] ?? null;
    it(`${key} → ${expected ?? 'illegal'}`, () => {
      expect(show(nextNeedState({ status, level }, action))).toBe(expected);
    });
  }

  it('walks the happy path posted → dispatched → accepted → done → rated', () => {
    let s: NeedState | null = firstNeedState;
    for (const action of ['dispatch', 'accept', 'complete', 'rate'] as const) {
      s = nextNeedState(s!, action);
    }
    expect(s).toEqual({ status: 'rated', level: 'station' });
    expect(isFinal('rated')).toBe(true);
  });

  it('goes up one level at a time and stops at the county center', () => {
    const institute = nextNeedState(firstNeedState, 'redispatch')!;
    const center = nextNeedState(institute, 'redispatch')!;
    expect([institute, center]).toEqual([
      { status: 'redispatched', level: 'institute' },
      { status: 'redispatched', level: 'center' },
    ]);
    expect(nextNeedState(center, 'redispatch')).toBeNull();
  });

  it('a refused need waits at the level that dispatched it', () => {
    const dispatched = nextNeedState({ status: 'redispatched', level: 'institute' }, 'dispatch')!;
    expect(nextNeedState(dispatched, 'refuse')).toEqual({ status: 'refused', level: 'institute' });
  });

  it('finished needs take no step at all', () => {
    for (const status of ['rated', 'declined', 'cancelled'] as const) {
      expect(isFinal(status)).toBe(true);
      for (const action of needActions) {
        expect(nextNeedState({ status, level: 'station' }, action)).toBeNull();
      }
    }
  });
});
