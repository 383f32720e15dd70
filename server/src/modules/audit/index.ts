/** Audit (C1 §7): the audit page and export, and the chain verification behind `linli audit verify`. */
export { auditRoutes } from './routes';
export { verifyAudit } from './service';
