// A React hook returning our own tracker object with `track`/`identify` methods.
import { useCallback } from 'react';

type Tracker = {
  track(userId: string, event: { name: string }): void;
  identify(userId: string, traits: Record<string, unknown>): void;
};

function useActivityTracker(): Tracker {
  const send = useCallback((body: unknown) => navigator.sendBeacon('/api/activity', JSON.stringify(body)), []);
  return {
    track: (userId, event) => void send({ userId, ...event }),
    identify: (userId, traits) => void send({ userId, traits }),
  };
}

export function SaveButton({ userId }: { userId: string }) {
  const tracker = useActivityTracker();
  const onClick = () => {
    tracker.track(userId, { name: 'document_saved' });
    tracker.identify(userId, { has_saved: true });
  };
  return <button onClick={onClick}>Save</button>;
}
