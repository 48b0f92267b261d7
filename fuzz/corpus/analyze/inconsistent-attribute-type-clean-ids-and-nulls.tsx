// The snippet's `id` is the person id, not an attribute; null clears an attribute.
export function identifyFromSession(session: { userId: string | number; plan?: string }) {
  window._cio.identify({ id: 42, plan: 'starter' });
  window._cio.identify({ id: 'user_42', plan: null });
  window._cio.identify({ id: session.userId, plan: session.plan ?? 'starter' });
}
