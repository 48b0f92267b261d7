import express from 'express';
import { getCio } from '../lib/customerio';

export const router = express.Router();

router.post('/login', (req, res) => {
  getCio()
    .track(req.user.id, { name: 'logged_in' })
    .catch((err) => console.error('Customer.io error:', err));
  res.sendStatus(204);
});
