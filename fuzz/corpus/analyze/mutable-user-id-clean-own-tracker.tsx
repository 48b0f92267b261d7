// A component's own tracker class with an identify method.
import { useEffect } from 'react';
import { tracker } from '../lib/tracker';

export function Profile({ user }: { user: { id: string; email: string } }) {
  useEffect(() => {
    tracker.identify(user.email, { source: 'profile' });
  }, [user.email]);
  return <h1>{user.email}</h1>;
}
