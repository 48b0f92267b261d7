import { TrackClient } from 'customerio-node';

const client = new TrackClient(process.env.CIO_SITE_ID!, process.env.CIO_API_KEY!);

// A wrapper that forwards its arguments: not followed (yet).
export const tracking = {
  identify: (id: string, attributes: Record<string, unknown>) => client.identify(id, attributes),
};
