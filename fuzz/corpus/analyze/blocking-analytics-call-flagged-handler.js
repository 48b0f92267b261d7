// A serverless (req, res) handler written without semicolons.
import { TrackClient } from 'customerio-node'

const customerio = new TrackClient(process.env.CIO_SITE_ID, process.env.CIO_TRACK_KEY)

export default async function handler(req, res) {
  const { userId, plan } = req.body
  await customerio.identify(userId, { plan })
//^ blocking-analytics-call
  res.status(200).json({ ok: true })
}
