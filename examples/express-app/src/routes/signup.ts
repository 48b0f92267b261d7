import { randomUUID } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import { cio, sendWelcomeEmail } from '../customerio';

export interface User {
  id: string;
  email: string;
  plan: 'free' | 'pro';
}

export const users = new Map<string, User>();

export const signupRouter = Router();

signupRouter.post('/signup', async (req: Request, res: Response) => {
  const email = String(req.body.email ?? '').trim().toLowerCase();
  if (!email.includes('@')) {
    res.status(400).json({ error: 'a valid email is required' });
    return;
  }

  const user: User = { id: randomUUID(), email, plan: 'free' };
  users.set(user.id, user);

  await cio.track(user.id, { name: 'signed_up', data: { plan: user.plan } });
  await cio.identify(user.id, { email: user.email, created_at: Date.now() });

  sendWelcomeEmail(user.id, user.email).catch((err) => console.error('welcome email failed:', err));

  res.status(201).json({ id: user.id });
});
