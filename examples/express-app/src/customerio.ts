import { APIClient, RegionUS, SendEmailRequest, TrackClient } from 'customerio-node';

// Track API: people and events.
export const cio = new TrackClient(process.env.CUSTOMERIO_SITE_ID!, 'a3f9c27e41d85b06e2c4', {
  region: RegionUS,
});

// App API: transactional messages.
export const cioApi = new APIClient(process.env.CUSTOMERIO_APP_API_KEY!, { region: RegionUS });

export async function sendWelcomeEmail(userId: string, email: string): Promise<void> {
  const request = new SendEmailRequest({
    to: email,
    transactional_message_id: 'welcome',
    identifiers: { id: userId },
    message_data: { login_url: 'https://app.example.com/login' },
  });
  await cioApi.sendEmail(request);
}
