import type { User } from '@linli/contract/accounts';
import { type Actor, isInScope, scopeOf } from '../../platform/access';

/**
 * Object rules for a user record: each action is allowed when the record's home area lies in
 * the actor's scope for that action's permission. Nobody locks themselves out.
 */
export function userAbilities(actor: Actor, subject: { id: string; areaCode: string }): User['abilities'] {
  const within = (p: Parameters<typeof scopeOf>[1]) => isInScope(scopeOf(actor, p), subject.areaCode);
  return {
    update: within('users.update'),
    lock: within('users.lock') && subject.id !== actor.userId,
    grant: within('roles.grant'),
    revealMobile: within('personalData.reveal'),
  };
}
