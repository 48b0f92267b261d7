// Next.js root layout: the classic snippet is emitted as a string, and comments
// mention calls; neither is a call.
import type { ReactNode } from 'react';

const SITE_ID = process.env.NEXT_PUBLIC_CUSTOMERIO_SITE_ID ?? '';

// Do not do this: _cio.identify({ id: user.id, created_at: Date.now() })
// -- Customer.io wants seconds, see below.
const snippet = `
  var _cio = _cio || [];
  (function() {
    var t = document.createElement('script');
    t.async = true;
    t.id = 'cio-tracker';
    t.setAttribute('data-site-id', '${SITE_ID}');
    t.src = 'https://assets.customer.io/assets/track.js';
    document.head.appendChild(t);
  })();
`;

const identifyExample = '_cio.identify({ id: "demo", created_at: Date.now() })';

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <head>
        <script dangerouslySetInnerHTML={{ __html: snippet }} />
      </head>
      <body data-example={identifyExample}>{children}</body>
    </html>
  );
}
