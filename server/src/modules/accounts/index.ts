/**
 * Accounts (C1 §5): people, passwords, sessions and the jurisdiction switcher. The app wires
 * `resolveSession` into platform/auth; `createUser` serves the CLI and the demo seed.
 */
export { accountRoutes } from './routes';
export { resolveSession, createUser, type AccountDeps } from './service';
export { checkPasswordPolicy } from './password';
