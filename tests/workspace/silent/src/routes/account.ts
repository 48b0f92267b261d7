import { createTracker } from '../lib/recorder';

const tracker = createTracker();

export async function updateAccount(user: { id: string; email: string }) {
  await tracker.identify(user.email, { created_at: Date.now() });
}
