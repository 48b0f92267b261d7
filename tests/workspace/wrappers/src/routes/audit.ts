import { identifyUser, AuditTrail } from '../lib/audit';

export function record(user: { email: string }) {
  identifyUser(user.email, { created_at: Date.now() });
  new AuditTrail().track(user.email, `viewed_${user.email}`, {});
}
