import { reportTaskStatuses, submissionStates } from '@linli/contract/report-tasks';
import { describe, expect, it } from 'vitest';
import { nextSubmissionState, nextTaskStatus, type SubmissionAction, type TaskAction } from './task-machine';

const taskActions: TaskAction[] = ['edit', 'send', 'discard', 'extend', 'withdraw'];
const submissionActions: SubmissionAction[] = ['save', 'submit', 'return'];

/** The legal moves, written out by hand; everything else must be refused. */
const legalTask: Record<string, string> = {
  'draft edit': 'draft',
  'draft send': 'sent',
  'draft discard': 'discarded',
  'sent extend': 'sent',
  'sent withdraw': 'withdrawn',
};
const legalSubmission: Record<string, string> = {
  'notStarted save': 'draft',
  'notStarted submit': 'submitted',
  'draft save': 'draft',
  'draft submit': 'submitted',
  'submitted return': 'returned',
  'returned save': 'returned',
  'returned submit': 'submitted',
};

describe('the task machine', () => {
  for (const status of reportTaskStatuses) {
    for (const action of taskActions) {
      const key = `${status} ${action}`;
      it(`${key} → ${legalTask[key] ?? 'refused'}`, () => {
        expect(nextTaskStatus(status, action)).toBe(legalTask[key] ?? null);
      });
    }
  }
});

describe('the submission machine', () => {
  for (const state of submissionStates) {
    for (const action of submissionActions) {
      const key = `${state} ${action}`;
      it(`${key} → ${legalSubmission[key] ?? 'refused'} while the task is sent`, () => {
        expect(nextSubmissionState('sent', state, action)).toBe(legalSubmission[key] ?? null);
      });
      it(`${key} is refused on a draft or withdrawn task`, () => {
        expect(nextSubmissionState('draft', state, action)).toBeNull();
        expect(nextSubmissionState('withdrawn', state, action)).toBeNull();
      });
    }
  }
});
