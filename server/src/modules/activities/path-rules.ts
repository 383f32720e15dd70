import {
  type ActivityKind,
  type ActivityStatus,
  approvalKinds,
  majorEventKinds,
  type PathRules,
  type PathStep,
} from '@linli/contract/activities';

/**
 * Which steps an activity must pass before it may be published — a pure function of its kind,
 * its expected participants and the jurisdiction's rules.
 *
 * - 002 会议要求三: seminars, exhibitions and awards (研讨、展会、评比达标表彰) need the approval of
 *   the supervising authority.
 * - 003 二.四.2: festivals, performances, competitions and gatherings (节庆活动、文化演出、体育竞赛、
 *   人员集会) are reported to the community committee before they happen.
 * - Size: any activity with at least `reportThreshold` expected participants is reported too,
 *   and, where a jurisdiction sets `approvalThreshold`, one that large needs approval.
 *
 * Approval comes first (the authority decides whether it happens), then the report.
 */
export const defaultPathRules: PathRules = {
  reportThreshold: 200,
  approvalThreshold: null,
  reportLeadDays: 3,
  approvalLeadDays: 7,
};

export type PathReason = 'approvalKind' | 'majorEventKind' | 'reportSize' | 'approvalSize';
export type ActivityPath = { steps: PathStep[]; reasons: PathReason[] };

const isMajorEvent = (kind: ActivityKind) => (majorEventKinds as readonly string[]).includes(kind);
const needsApproval = (kind: ActivityKind) => (approvalKinds as readonly string[]).includes(kind);

export function activityPath(
  activity: { kind: ActivityKind; expectedParticipants: number },
  rules: PathRules = defaultPathRules,
): ActivityPath {
  const reasons: PathReason[] = [];
  if (needsApproval(activity.kind)) {
    reasons.push('approvalKind');
  }
  if (rules.approvalThreshold !== null && activity.expectedParticipants >= rules.approvalThreshold) {
    reasons.push('approvalSize');
  }
  if (isMajorEvent(activity.kind)) {
    reasons.push('majorEventKind');
  }
  if (activity.expectedParticipants >= rules.reportThreshold) {
    reasons.push('reportSize');
  }
  const steps: PathStep[] = [];
  if (reasons.includes('approvalKind') || reasons.includes('approvalSize')) {
    steps.push('approval');
  }
  if (reasons.includes('majorEventKind') || reasons.includes('reportSize')) {
    steps.push('report');
  }
  return { steps, reasons };
}

/** The rules set on one area; null fields inherit. */
export type OwnRules = { [K in keyof PathRules]?: PathRules[K] | null };

/**
 * Merges the rules set on an area and its ancestors: for each rule, the nearest area that sets
 * it wins, then the default. `nearestFirst` starts at the activity's own area.
 * (approvalThreshold: a set value wins; nobody can switch an ancestor's threshold off below it
 * except by setting a larger one.)
 */
export function effectiveRules(nearestFirst: readonly OwnRules[], defaults: PathRules = defaultPathRules): PathRules {
  const pick = <K extends keyof PathRules>(key: K): PathRules[K] => {
    for (const own of nearestFirst) {
      const value = own[key];
      if (value !== undefined && value !== null) {
        return value as PathRules[K];
      }
    }
    return defaults[key];
  };
  return {
    reportThreshold: pick('reportThreshold'),
    approvalThreshold: pick('approvalThreshold'),
    reportLeadDays: pick('reportLeadDays'),
    approvalLeadDays: pick('approvalLeadDays'),
  };
}

const DAY_MS = 86_400_000;

/** When the first step's request is due: the longest lead time among the steps, before the start. */
export function submitDeadline(startsAt: Date, steps: readonly PathStep[], rules: PathRules): Date | null {
  if (steps.length === 0) {
    return null;
  }
  const days = Math.max(...steps.map((s) => (s === 'approval' ? rules.approvalLeadDays : rules.reportLeadDays)));
  return new Date(startsAt.getTime() - days * DAY_MS);
}

const awaiting: Record<PathStep, ActivityStatus> = {
  approval: 'awaitingApproval',
  report: 'awaitingAcknowledgement',
};

/** The status once step `done` is complete (null: nothing done yet): the next wait, or ready. */
export function statusAfter(steps: readonly PathStep[], done: PathStep | null): ActivityStatus {
  const next = done === null ? steps[0] : steps[steps.indexOf(done) + 1];
  return next ? awaiting[next] : 'ready';
}

/** The step an awaiting status waits for. */
export function stepAwaited(status: ActivityStatus): PathStep | null {
  return status === 'awaitingApproval' ? 'approval' : status === 'awaitingAcknowledgement' ? 'report' : null;
}

/** Whether an organization may publish now: the path is complete (or empty). */
export function mayPublish(status: ActivityStatus, steps: readonly PathStep[]): boolean {
  return status === 'ready' || (status === 'draft' && steps.length === 0);
}
