// This file imports only formatting: its sign-out provably leaves the SDK identified.
import AsyncStorage from '@react-native-async-storage/async-storage';
import { CustomerIO } from 'customerio-reactnative';
import { displayName } from '../lib/format';

export async function saveProfile(user: { id: string; first: string; last: string }) {
  await CustomerIO.identify({ userId: user.id, traits: { name: displayName(user) } });
}

export async function handleLogout() {
//                    ^ missing-clear-identify
  await AsyncStorage.multiRemove(['session', 'profile']);
}
