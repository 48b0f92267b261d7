// A project's own session store with an identify method.
import { session } from '../lib/session';

export function useSignup() {
  return (user: { id: string; createdAt: number }) => session.identify(user.id, { created_at: user.createdAt });
}
