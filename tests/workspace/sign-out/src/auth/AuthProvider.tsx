// Sign-out through a helper of another file that calls clearIdentify: not flagged.
import AsyncStorage from '@react-native-async-storage/async-storage';
import { CustomerIO } from 'customerio-reactnative';
import { resetTracking } from '../lib';

export async function signIn(user: { id: string }) {
  await CustomerIO.identify({ userId: user.id });
}

export async function signOut() {
  await AsyncStorage.removeItem('session');
  await resetTracking();
}
