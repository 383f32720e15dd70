import { type DispatchLevel, type NeedAction, type NeedStatus, queuedStatuses } from '@linli/contract/needs';

/**
 * The need's state machine (pure): 群众点单 posted → 中心派单 dispatched → 接单 accepted → done →
 * 群众评单 rated. Branches: the organization refuses (back to the same dispatcher's queue); the
 * dispatcher sends it one level up when nobody local can serve it — station (community) →
 * institute (township) → center (county) — or declines it; the poster cancels it before it is
 * accepted. `null`: the step is illegal from this state (the command answers 409).
 */
export type NeedState = { status: NeedStatus; level: DispatchLevel };

/** Who takes each step. */
export const needActor: Record<NeedAction, 'poster' | 'dispatcher' | 'organization'> = {
  post: 'poster',
  dispatch: 'dispatcher',
  redispatch: 'dispatcher',
  decline: 'dispatcher',
  accept: 'organization',
  refuse: 'organization',
  complete: 'organization',
  rate: 'poster',
  cancel: 'poster',
};

const UP: Record<DispatchLevel, DispatchLevel | null> = { station: 'institute', institute: 'center', center: null };

export const firstNeedState: NeedState = { status: 'posted', level: 'station' };

export const isQueued = (status: NeedStatus) => (queuedStatuses as readonly NeedStatus[]).includes(status);

export function nextNeedState(state: NeedState, action: NeedAction): NeedState | null {
  const at = (status: NeedStatus, level = state.level): NeedState => ({ status, level });
  switch (action) {
    case 'post':
      return null; // a need is posted once, as firstNeedState
    case 'dispatch':
      return isQueued(state.status) ? at('dispatched') : null;
    case 'redispatch': {
      const up = UP[state.level];
      return isQueued(state.status) && up ? at('redispatched', up) : null;
    }
    case 'decline':
      return isQueued(state.status) ? at('declined') : null;
    case 'cancel':
      return isQueued(state.status) || state.status === 'dispatched' ? at('cancelled') : null;
    case 'accept':
      return state.status === 'dispatched' ? at('accepted') : null;
    case 'refuse':
      return state.status === 'dispatched' ? at('refused') : null;
    case 'complete':
      return state.status === 'accepted' ? at('done') : null;
    case 'rate':
      return state.status === 'done' ? at('rated') : null;
  }
}

/** Finished: nothing more can happen to it. */
export const isFinal = (status: NeedStatus) => status === 'rated' || status === 'declined' || status === 'cancelled';
