// workers/notifications.js: keys read from the environment with bracket access.
import { APIClient, TrackClient, RegionEU } from 'customerio-node';

const env = process.env;

export const track = new TrackClient(env['CUSTOMERIO_SITE_ID'], env['CUSTOMERIO_APP_API_KEY'], { region: RegionEU });
//                                                              ^ wrong-api-key
export const api = new APIClient(env.CIO_SITE_ID, { region: RegionEU });
//                               ^ wrong-api-key
