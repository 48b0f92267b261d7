import { TrackClient } from 'customerio-node';
import { client } from './customerio';

// A wrapper function over a client imported from another file.
export function identifyUser(id: string, attributes: Record<string, unknown>) {
  return client.identify(id, attributes);
}

// A singleton class holding its own client in a field.
export class Analytics {
  private readonly cio: TrackClient;

  constructor() {
    this.cio = new TrackClient(process.env.CUSTOMERIO_SITE_ID!, process.env.CUSTOMERIO_TRACK_API_KEY!);
  }

  identifyUser(userId: string, traits: Record<string, unknown>) {
    return this.cio.identify(userId, traits);
  }

  track(userId: string, name: string, data: Record<string, unknown>) {
    return this.cio.track(userId, { name, data });
  }
}

export const analytics = new Analytics();
