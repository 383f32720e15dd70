/**
 * Accounts (C1 §5): people, passwords, sessions and the jurisdiction switcher. The app wires
 * `resolveSession` into platform/auth; `createUser` serves the CLI and the demo seed.
 */

export { checkPasswordPolicy } from './password';
export { accountRoutes } from './routes';
export { type AccountDeps, createUser, isMobileRegistered, resolveSession, userIdByMobile } from './service';
export { createSessionLoader, createSessionToucher, type SessionToucher } from './session-batches';
