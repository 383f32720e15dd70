import cliProgress from 'cli-progress';

/** A progress bar with counts for long CLI steps; quiet when output is not a terminal. */
export function progressBar(label: string) {
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {value}/{total}`,
      hideCursor: true,
      noTTYOutput: false,
      notTTYSchedule: 5000,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done: number, total: number) {
      if (!started) {
        bar.start(total, done);
        started = true;
      }
      bar.setTotal(total);
      bar.update(done);
    },
    stop() {
      if (started) {
        bar.stop();
      }
    },
  };
}
