import { type AreaLevel, areaLevels, isWithin } from '@linli/contract/areas';
import type { ReportTaskStatus, SubmissionState } from '@linli/contract/report-tasks';
import { type Actor, type ActorGrant, grantCarries, type Scope, scopeOf } from '../../platform/access';
import { nextSubmissionState, nextTaskStatus } from './task-machine';

/**
 * Object rules for report tasks (C11, 001 三.四).
 * - Read as sender: tasks whose sending area lies in the caller's `reportTasks.send` jurisdiction
 *   (a city officer also sees what its districts sent to their townships).
 * - Act as sender (edit, send, extend, withdraw, return a submission): a grant carrying
 *   `reportTasks.send` bound to the sending area itself — the office that sent it — or the system administrator.
 * - Act as addressee: a grant carrying `reportTasks.submit` bound to the addressee area itself
 *   (township officers for a township, the committee for a community, civil affairs or the
 *   civilization office for a county or city). An officer above it reads it as a sender does.
 */
export type AreaRef = { code: string; level: AreaLevel };

export const levelOf = (n: number): AreaLevel => areaLevels[n]!;
export const levelNumber = (level: AreaLevel): number => areaLevels.indexOf(level);

/** A grant counts only inside the jurisdiction switcher's choice, when one is made. */
function isInCurrentArea(actor: Actor, g: ActorGrant): boolean {
  return !actor.currentArea || isWithin(g.areaCode, actor.currentArea.code, actor.currentArea.level);
}

export function senderReadScope(actor: Actor): Scope {
  return scopeOf(actor, 'reportTasks.send');
}

/** The areas the caller sends from: its `reportTasks.send` grants' own nodes. */
export function senderAreas(actor: Actor): AreaRef[] {
  return actor.grants
    .filter((g) => g.role !== 'orgAdmin' && grantCarries(g, 'reportTasks.send') && isInCurrentArea(actor, g))
    .map((g) => ({ code: g.areaCode, level: g.areaLevel }));
}

export function isSysadmin(actor: Actor): boolean {
  return actor.grants.some((g) => g.role === 'sysadmin');
}

/** May the caller act as the sender of a task sent from `area`? */
export function actsAsSender(actor: Actor, area: { area_code: string; area_level: number }): boolean {
  return (
    isSysadmin(actor) ||
    senderAreas(actor).some((a) => a.code === area.area_code && a.level === levelOf(area.area_level))
  );
}

/** The areas whose submissions the caller makes: its `reportTasks.submit` grants' own nodes. */
export function addresseeAreas(actor: Actor): AreaRef[] {
  return actor.grants
    .filter(
      (g) =>
        g.role !== 'orgAdmin' &&
        g.areaLevel !== 'country' &&
        grantCarries(g, 'reportTasks.submit') &&
        isInCurrentArea(actor, g),
    )
    .map((g) => ({ code: g.areaCode, level: g.areaLevel }));
}

export function actsForArea(actor: Actor, area: { area_code: string; area_level: number }): boolean {
  return addresseeAreas(actor).some((a) => a.code === area.area_code && a.level === levelOf(area.area_level));
}

type TaskFacts = { status: ReportTaskStatus; area_code: string; area_level: number };

export function taskAbilities(actor: Actor, t: TaskFacts) {
  const sender = actsAsSender(actor, t);
  return {
    edit: sender && nextTaskStatus(t.status, 'edit') !== null,
    send: sender && nextTaskStatus(t.status, 'send') !== null,
    discard: sender && nextTaskStatus(t.status, 'discard') !== null,
    extend: sender && nextTaskStatus(t.status, 'extend') !== null,
    withdraw: sender && nextTaskStatus(t.status, 'withdraw') !== null,
    returnSubmission: sender && t.status === 'sent',
  };
}

export function submissionAbilities(
  actor: Actor,
  t: TaskFacts,
  s: { state: SubmissionState; area_code: string; area_level: number },
) {
  const addressee = actsForArea(actor, s);
  return {
    save: addressee && nextSubmissionState(t.status, s.state, 'save') !== null,
    submit: addressee && nextSubmissionState(t.status, s.state, 'submit') !== null,
    returnSubmission: actsAsSender(actor, t) && nextSubmissionState(t.status, s.state, 'return') !== null,
  };
}
