import { type AreaLevel, areaLevels, isWithin, subtreeRange } from '@linli/contract/areas';
import type { ReportTaskStatus, SubmissionState } from '@linli/contract/report-tasks';
import { type Actor, type ActorGrant, type CodeRange, grantCarries, type Scope, scopeOf } from '../../platform/access';
import { nextSubmissionState, nextTaskStatus } from './task-machine';

/**
 * Object rules for report tasks (C11, 001 三.四).
 * - Read as sender: tasks whose sending area lies in the caller's `reportTasks.send` jurisdiction
 *   (a city officer also sees what its districts sent to their townships): every addressee.
 * - Read in part: an officer (`reportTasks.send`) of an area strictly between the sending area and
 *   the addressee level — the district between a city and its townships — reads a sent task that
 *   has addressees in their subtree, and only those addressees' status, answers and files.
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

/** A node the caller reads report tasks from, with its code range. */
export type ReaderArea = AreaRef & CodeRange;

/**
 * The caller's `reportTasks.send` nodes for reading, narrowed to the jurisdiction switcher's
 * choice: a grant above the current area reads from the current area, one inside it from its own node.
 */
export function readerAreas(actor: Actor): ReaderArea[] {
  const current = actor.currentArea;
  const nodes: AreaRef[] = [];
  for (const g of actor.grants) {
    if (g.role === 'orgAdmin' || !grantCarries(g, 'reportTasks.send')) {
      continue;
    }
    if (!current || isWithin(g.areaCode, current.code, current.level)) {
      nodes.push({ code: g.areaCode, level: g.areaLevel });
    } else if (isWithin(current.code, g.areaCode, g.areaLevel)) {
      nodes.push({ code: current.code, level: current.level });
    }
  }
  return nodes.map((n) => ({ ...n, ...subtreeRange(n.code, n.level) }));
}

type TaskPlace = { area_code: string; area_level: number; addressee_level: number; status: ReportTaskStatus };

/**
 * How much of a task the caller reads: all of it (a node at or above the sending area), the
 * addressees in some code ranges (nodes in between, sent tasks only), or nothing (`ranges` empty).
 */
export function taskReach(actor: Actor, t: TaskPlace): { isFull: boolean; ranges: CodeRange[] } {
  const readers = readerAreas(actor);
  const isFull = readers.some((r) => levelNumber(r.level) <= t.area_level && isWithin(t.area_code, r.code, r.level));
  if (isFull) {
    return { isFull, ranges: [] };
  }
  const ranges =
    t.status === 'draft'
      ? []
      : readers
          .filter((r) => {
            const level = levelNumber(r.level);
            return (
              level > t.area_level && level < t.addressee_level && isWithin(r.code, t.area_code, levelOf(t.area_level))
            );
          })
          .map((r) => ({ lo: r.lo, hi: r.hi }));
  return { isFull, ranges };
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
