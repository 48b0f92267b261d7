// React game screen on the Data Pipelines browser global.
declare const cioanalytics: { track(event: string, properties?: Record<string, unknown>): void };

export function LevelComplete({ level, score }: { level: number; score: number }) {
  const onContinue = () => {
    cioanalytics.track(`level_${level}_completed`, { score });
    //                 ^ dynamic-event-name
  };
  return (
    <div>
      <h2>Level {level} complete!</h2>
      <button onClick={onContinue}>Continue</button>
    </div>
  );
}
