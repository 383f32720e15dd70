import { filingDecisions, filingStates, filingSteps, orgTiers } from '@linli/contract/organizations';
import { describe, expect, it } from 'vitest';
import { firstState, nextState } from './filing-machine';

/** The legal transitions, written out by hand: everything else must be refused. */
const legal: Record<string, string> = {
  'guided|awaitingCommittee|committeeOpinion|approve': 'approved',
  'guided|awaitingCommittee|committeeOpinion|reject': 'rejected',
  'guided|awaitingCommittee|committeeOpinion|returnForChanges': 'returned',
  'guided|returned|resubmit|-': 'awaitingCommittee',
  'filed|awaitingCommittee|committeeOpinion|approve': 'awaitingTownship',
  'filed|awaitingCommittee|committeeOpinion|reject': 'rejected',
  'filed|awaitingCommittee|committeeOpinion|returnForChanges': 'returned',
  'filed|awaitingTownship|townshipDecision|approve': 'approved',
  'filed|awaitingTownship|townshipDecision|reject': 'rejected',
  'filed|awaitingTownship|townshipDecision|returnForChanges': 'returned',
  'filed|returned|resubmit|-': 'awaitingCommittee',
  'registered|awaitingCivilAffairs|civilAffairsRecord|approve': 'approved',
  'registered|awaitingCivilAffairs|civilAffairsRecord|reject': 'rejected',
  'registered|awaitingCivilAffairs|civilAffairsRecord|returnForChanges': 'returned',
  'registered|returned|resubmit|-': 'awaitingCivilAffairs',
};

describe('filing state machine', () => {
  it('starts guided and filed filings at the committee, registered ones at civil affairs', () => {
    expect(firstState('guided')).toBe('awaitingCommittee');
    expect(firstState('filed')).toBe('awaitingCommittee');
    expect(firstState('registered')).toBe('awaitingCivilAffairs');
  });

  for (const tier of orgTiers) {
    for (const state of filingStates) {
      for (const step of filingSteps) {
        for (const decision of [...filingDecisions, null]) {
          const key = `${tier}|${state}|${step}|${decision ?? '-'}`;
          const expected = legal[key] ?? null;
          it(`${key} → ${expected ?? 'refused'}`, () => {
            expect(nextState(tier, state, step, decision)).toBe(expected);
          });
        }
      }
    }
  }
});
