// A React settings page that writes the same attribute from two handlers.
import { useCallback } from 'react';

export function Preferences({ userId }: { userId: string }) {
  const enableDigest = useCallback(() => {
    window._cio.identify({ id: userId, weekly_digest: true });
  }, [userId]);
  const disableDigest = useCallback(() => {
    window._cio.identify({ id: userId, weekly_digest: 0 });
    //                                                ^ inconsistent-attribute-type
  }, [userId]);
  return (
    <div>
      <button onClick={enableDigest}>Weekly digest on</button>
      <button onClick={disableDigest}>Weekly digest off</button>
    </div>
  );
}
