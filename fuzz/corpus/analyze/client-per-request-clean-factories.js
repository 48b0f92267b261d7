// Module-level factories and lazy singletons.
import { TrackClient, APIClient } from 'customerio-node';

export function createCio() {
  return new TrackClient(process.env.CUSTOMERIO_SITE_ID, process.env.CUSTOMERIO_TRACK_API_KEY);
}

export const createClients = () => ({
  track: new TrackClient(process.env.CUSTOMERIO_SITE_ID, process.env.CUSTOMERIO_TRACK_API_KEY),
  api: new APIClient(process.env.CUSTOMERIO_APP_API_KEY),
});

export function buildApi(key) {
  const api = new APIClient(key);
  api.defaults = { timeout: 5000 };
  return api;
}

let shared;
export function getCio() {
  if (!shared) {
    shared = new TrackClient(process.env.CUSTOMERIO_SITE_ID, process.env.CUSTOMERIO_TRACK_API_KEY);
  }
  return shared;
}
