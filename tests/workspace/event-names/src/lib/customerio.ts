import { TrackClient } from 'customerio-node';

export const analytics = new TrackClient(process.env.CIO_SITE_ID!, process.env.CIO_API_KEY!);
