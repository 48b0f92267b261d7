import { TrackClient } from 'customerio-node';
import { client } from './customerio';

// A factory of closures over a client it builds: one per call of the factory, which
// callers make once (module scope), so no client per request.
export function createTracker() {
  const cio = new TrackClient(process.env.CUSTOMERIO_SITE_ID!, process.env.CUSTOMERIO_TRACK_API_KEY!);
  return {
    identify: (id: string, attrs: Record<string, unknown>) => cio.identify(id, attrs),
    track: (id: string, name: string, data: Record<string, unknown>) => cio.track(id, { name, data }),
  };
}

// A function over the client another file builds, handed out by a factory.
export const makeIdentify = () => (id: string, attrs: Record<string, unknown>) =>
  client.identify(id, attrs);
