import { APIClient, TrackClient } from 'customerio-node';

let track: TrackClient | undefined;

/** The Track API client, built on first use. */
export function tracker(): TrackClient {
  if (!track) {
    track = new TrackClient(process.env.CIO_SITE_ID!, process.env.CIO_API_KEY!);
  }
  return track;
}

export const messages = new APIClient(process.env.CIO_APP_KEY!);
