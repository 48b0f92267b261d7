// An in-house activity log with its own `track`; the Customer.io call keeps PII in data.
declare const _cio: { track(name: string, data?: Record<string, unknown>): void };

class ActivityLog {
  private entries: string[] = [];
  track(entry: string) {
    this.entries.push(entry);
  }
}

const log = new ActivityLog();

export function NewsletterForm() {
  const onSubmit = (email: string) => {
    log.track(`newsletter_${email}`);
    _cio.track('newsletter_subscribed', { email });
  };
  return (
    <form onSubmit={(e) => onSubmit(new FormData(e.currentTarget).get('email') as string)}>
      <input name="email" type="email" placeholder="you@example.com" />
    </form>
  );
}
