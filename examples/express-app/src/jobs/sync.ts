import pLimit from 'p-limit';
import { cio } from '../customerio';

export interface Account {
  ownerId: string;
  plan: 'free' | 'pro' | 'enterprise';
  seats: number;
}

// Pushes plan changes to Customer.io; run every few minutes by the scheduler.
export async function syncAccount(account: Account): Promise<void> {
  await cio.identify(account.ownerId, {
    plan: account.plan,
    seats: account.seats,
    updated_at: new Date(),
    last_synced_at: Math.floor(Date.now() / 1000),
  });
}

export async function syncAccounts(accounts: Account[]): Promise<void> {
  const limit = pLimit(5);
  await Promise.all(accounts.map((account) => limit(() => syncAccount(account))));
}

if (require.main === module) {
  const accounts: Account[] = JSON.parse(process.argv[2] ?? '[]');
  syncAccounts(accounts).catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
