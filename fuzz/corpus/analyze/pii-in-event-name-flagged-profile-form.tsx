// React profile form on the Data Pipelines browser global.
declare const cioanalytics: { track(event: string, properties?: Record<string, unknown>): void };

type Profile = { id: string; phone: string; email: string };

export function ProfileForm({ profile }: { profile: Profile }) {
  const onSave = () => {
    cioanalytics.track(`profile_saved_${profile.phone}`, { id: profile.id });
    //                 ^ pii-in-event-name
  };
  return <button onClick={onSave}>Save profile</button>;
}
