import type { FilingDecision, FilingState, FilingStep, OrgTier } from '@linli/contract/organizations';

/**
 * The filing state machine (004 三.二.1–2; 003 二.四.2). Which path a filing takes depends on
 * the tier it is filed for:
 *   guided     — the community committee records it:           committeeOpinion → approved
 *   filed      — the committee's opinion, then the township's:  committeeOpinion → townshipDecision → approved
 *   registered — civil affairs records the registration:        civilAffairsRecord → approved
 * Every reviewing step may approve, reject (ends the filing) or return it for changes; a
 * returned filing is resubmitted by its submitter and starts its path again.
 */
export function firstState(tier: OrgTier): FilingState {
  return tier === 'registered' ? 'awaitingCivilAffairs' : 'awaitingCommittee';
}

/** The reviewing step a state waits for, or null when it waits for none. */
export function stepAwaited(state: FilingState): FilingStep | null {
  switch (state) {
    case 'awaitingCommittee':
      return 'committeeOpinion';
    case 'awaitingTownship':
      return 'townshipDecision';
    case 'awaitingCivilAffairs':
      return 'civilAffairsRecord';
    case 'returned':
      return 'resubmit';
    default:
      return null;
  }
}

const pathOf: Record<OrgTier, readonly FilingState[]> = {
  guided: ['awaitingCommittee', 'returned'],
  filed: ['awaitingCommittee', 'awaitingTownship', 'returned'],
  registered: ['awaitingCivilAffairs', 'returned'],
};

/** The next state, or null when the step is not allowed from this state (answered 409). */
export function nextState(
  tier: OrgTier,
  state: FilingState,
  step: FilingStep,
  decision: FilingDecision | null,
): FilingState | null {
  if (!pathOf[tier].includes(state) || stepAwaited(state) !== step) {
    return null;
  }
  if (step === 'resubmit') {
    return decision === null ? firstState(tier) : null;
  }
  if (decision === 'reject') {
    return 'rejected';
  }
  if (decision === 'returnForChanges') {
    return 'returned';
  }
  if (decision !== 'approve') {
    return null;
  }
  if (step === 'committeeOpinion') {
    return tier === 'guided' ? 'approved' : 'awaitingTownship';
  }
  return 'approved';
}

export const isOpen = (state: FilingState) => state !== 'approved' && state !== 'rejected';
