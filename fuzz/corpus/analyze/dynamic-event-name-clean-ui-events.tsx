// Our own UI telemetry object has a `track` too; the Customer.io call is static.
declare const _cio: { track(name: string, data?: Record<string, unknown>): void };

const telemetry = {
  track(name: string, props: Record<string, unknown> = {}) {
    navigator.sendBeacon('/telemetry', JSON.stringify({ name, ...props }));
  },
};

export function Tabs({ tabs }: { tabs: string[] }) {
  const open = (tab: string) => {
    telemetry.track(`tab_${tab}_opened`);
    _cio.track('tab_opened', { tab });
  };
  return (
    <nav>
      {tabs.map((tab) => (
        <button key={tab} onClick={() => open(tab)}>
          {tab}
        </button>
      ))}
    </nav>
  );
}
