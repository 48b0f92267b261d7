import { TrackClient } from 'customerio-node';

export const client = new TrackClient(process.env.CUSTOMERIO_SITE_ID!, process.env.CUSTOMERIO_TRACK_API_KEY!);

// The client as a property of an exported object.
export const tracking = { client };

// Built once, on first use: neither it nor its callers create a client per request.
let shared: TrackClient | undefined;
export function getCio() {
  return (shared ??= new TrackClient(process.env.CUSTOMERIO_SITE_ID!, process.env.CUSTOMERIO_TRACK_API_KEY!));
}

// Hands the client to a callback.
export function withCio<T>(task: (cio: TrackClient) => Promise<T>) {
  return task(client);
}
