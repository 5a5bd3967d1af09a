// Hooks over the session document that most views share.
import type { ActionRequest, RuleState } from '../../shared/session/index.ts';
import { can, getMeta, roots, ruleStateOf } from '../../shared/session/index.ts';
import type { SessionMeta } from '../../shared/session/index.ts';
import { useYValue } from '../hooks/useYValue.ts';
import { useRoom } from './room-context.ts';

export function useMeta(): SessionMeta {
  const { doc } = useRoom();
  return useYValue(roots(doc).meta, () => getMeta(doc), [doc]);
}

export function useRuleState(): RuleState {
  const { doc } = useRoom();
  const r = roots(doc);
  return useYValue([r.meta, r.board, r.facilitators], () => ruleStateOf(doc), [doc]);
}

/** May I do this now? Re-evaluated when the phase, board settings or facilitators change. */
export function useCan(request: ActionRequest): boolean {
  const { me } = useRoom();
  const state = useRuleState();
  return can(me, state, request).ok;
}
