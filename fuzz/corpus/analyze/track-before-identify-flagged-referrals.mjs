// Worker: the referrer is identified first, the new user is not.
import * as CIO from 'customerio-node';

const cio = new CIO.TrackClient(process.env.CUSTOMERIO_SITE_ID, process.env.CUSTOMERIO_TRACK_API_KEY);

export async function handleReferral({ referrer, referred }) {
  await cio.identify(referrer.id, { referrals: referrer.referrals + 1 });
  await cio.track(referrer.id, { name: 'referral_converted', data: { referred_id: referred.id } });

  await cio.track(referred.id, { name: 'referred_signup', data: { referrer_id: referrer.id } });
  //    ^ track-before-identify
  await cio.identify(referred.id, { email: referred.email, referred_by: referrer.id });
}
