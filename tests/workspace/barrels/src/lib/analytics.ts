import { Analytics } from '@customerio/cdp-analytics-node';

const analytics = new Analytics({ writeKey: process.env.CIO_WRITE_KEY! });

export default analytics;
