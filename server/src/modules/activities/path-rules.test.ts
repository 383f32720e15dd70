import { type ActivityKind, activityKinds, approvalKinds, majorEventKinds } from '@linli/contract/activities';
import { describe, expect, it } from 'vitest';
import {
  activityPath,
  defaultPathRules,
  effectiveRules,
  mayPublish,
  statusAfter,
  stepAwaited,
  submitDeadline,
} from './path-rules';

const small = defaultPathRules.reportThreshold - 1;
const large = defaultPathRules.reportThreshold;

describe('activityPath by kind (default rules, a small activity)', () => {
  const expected: Record<ActivityKind, string[]> = {
    ordinary: [],
    festival: ['report'],
    performance: ['report'],
    competition: ['report'],
    gathering: ['report'],
    seminar: ['approval'],
    exhibition: ['approval'],
    award: ['approval'],
  };
  for (const kind of activityKinds) {
    it(`${kind} → [${expected[kind].join(', ')}]`, () => {
      expect(activityPath({ kind, expectedParticipants: small }).steps).toEqual(expected[kind]);
    });
  }
});

describe('activityPath by size', () => {
  it('an ordinary activity at the report threshold needs a report, one below does not', () => {
    expect(activityPath({ kind: 'ordinary', expectedParticipants: large })).toEqual({
      steps: ['report'],
      reasons: ['reportSize'],
    });
    expect(activityPath({ kind: 'ordinary', expectedParticipants: small }).steps).toEqual([]);
  });

  it('a large seminar needs approval, then a report', () => {
    for (const kind of approvalKinds) {
      expect(activityPath({ kind, expectedParticipants: large }).steps).toEqual(['approval', 'report']);
    }
  });

  it('a major event is reported once, whatever its size', () => {
    for (const kind of majorEventKinds) {
      for (const n of [1, small, large, 50_000]) {
        expect(activityPath({ kind, expectedParticipants: n }).steps).toEqual(['report']);
      }
    }
  });

  it('an approval threshold, when a jurisdiction sets one, adds approval to anything that large', () => {
    const rules = { ...defaultPathRules, approvalThreshold: 1000 };
    expect(activityPath({ kind: 'ordinary', expectedParticipants: 999 }, rules).steps).toEqual(['report']);
    expect(activityPath({ kind: 'ordinary', expectedParticipants: 1000 }, rules)).toEqual({
      steps: ['approval', 'report'],
      reasons: ['approvalSize', 'reportSize'],
    });
    expect(activityPath({ kind: 'festival', expectedParticipants: 1000 }, rules).steps).toEqual(['approval', 'report']);
    expect(activityPath({ kind: 'award', expectedParticipants: 1000 }, rules).reasons).toEqual([
      'approvalKind',
      'approvalSize',
      'reportSize',
    ]);
  });

  it('a jurisdiction’s lower report threshold catches smaller activities', () => {
    const rules = { ...defaultPathRules, reportThreshold: 50 };
    expect(activityPath({ kind: 'ordinary', expectedParticipants: 50 }, rules).steps).toEqual(['report']);
    expect(activityPath({ kind: 'ordinary', expectedParticipants: 49 }, rules).steps).toEqual([]);
  });

  it('every kind × size combination yields steps in the order approval, report, without repeats', () => {
    const rules = { ...defaultPathRules, approvalThreshold: 500 };
    for (const kind of activityKinds) {
      for (const n of [1, 199, 200, 499, 500, 10_000]) {
        const { steps } = activityPath({ kind, expectedParticipants: n }, rules);
        expect(new Set(steps).size).toBe(steps.length);
        expect(steps).toEqual([...steps].sort());
      }
    }
  });
});

describe('effectiveRules', () => {
  it('takes each rule from the nearest area that sets it, then the default', () => {
    const community = { reportThreshold: null, reportLeadDays: 5 };
    const township = { reportThreshold: 80, reportLeadDays: 2 };
    const province = { reportThreshold: 300, approvalThreshold: 2000, approvalLeadDays: 14 };
    expect(effectiveRules([community, township, province])).toEqual({
      reportThreshold: 80,
      approvalThreshold: 2000,
      reportLeadDays: 5,
      approvalLeadDays: 14,
    });
    expect(effectiveRules([])).toEqual(defaultPathRules);
    expect(effectiveRules([{}, { approvalLeadDays: 0 }]).approvalLeadDays).toBe(0);
  });
});

describe('deadlines and statuses', () => {
  const start = new Date('2026-10-10T02:00:00Z');
  it('the request is due the longest lead time before the start', () => {
    expect(submitDeadline(start, [], defaultPathRules)).toBeNull();
    expect(submitDeadline(start, ['report'], defaultPathRules)?.toISOString()).toBe('2026-10-07T02:00:00.000Z');
    expect(submitDeadline(start, ['approval', 'report'], defaultPathRules)?.toISOString()).toBe(
      '2026-10-03T02:00:00.000Z',
    );
  });

  it('walks the steps: approval, report, ready', () => {
    expect(statusAfter(['approval', 'report'], null)).toBe('awaitingApproval');
    expect(statusAfter(['approval', 'report'], 'approval')).toBe('awaitingAcknowledgement');
    expect(statusAfter(['approval', 'report'], 'report')).toBe('ready');
    expect(statusAfter(['report'], null)).toBe('awaitingAcknowledgement');
    expect(statusAfter([], null)).toBe('ready');
    expect(stepAwaited('awaitingApproval')).toBe('approval');
    expect(stepAwaited('awaitingAcknowledgement')).toBe('report');
    expect(stepAwaited('draft')).toBeNull();
  });

  it('publishing needs a complete path', () => {
    expect(mayPublish('draft', [])).toBe(true);
    expect(mayPublish('draft', ['report'])).toBe(false);
    expect(mayPublish('awaitingAcknowledgement', ['report'])).toBe(false);
    expect(mayPublish('awaitingApproval', ['approval'])).toBe(false);
    expect(mayPublish('rejected', ['approval'])).toBe(false);
    expect(mayPublish('ready', ['report'])).toBe(true);
    expect(mayPublish('published', [])).toBe(false);
  });
});
