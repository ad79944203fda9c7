import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { monitorEventLoopDelay } from 'node:perf_hooks';

/**
 * Preloaded (`node -r`) into a server under load: the first SIGWINCH (not SIGUSR2: Nest's shutdown hooks take that one) starts the CPU profiler, the second
 * writes the profile to $CPU_PROFILE_FILE, so start-up and set-up stay out of the samples.
 */
const session = new Session();
session.connect();
let running = false;
// How long the event loop was held: what a request waits for on top of its own work (p99 latency).
const delay = monitorEventLoopDelay({ resolution: 5 });

process.on('SIGWINCH', () => {
  if (!running) {
    running = true;
    delay.reset();
    delay.enable();
    session.post('Profiler.setSamplingInterval', { interval: 500 }, () =>
      session.post('Profiler.enable', () => session.post('Profiler.start')),
    );
    return;
  }
  running = false;
  delay.disable();
  const ms = (ns: number) => (ns / 1e6).toFixed(1);
  console.error(
    `event loop delay: p50 ${ms(delay.percentile(50))} ms, p99 ${ms(delay.percentile(99))} ms, max ${ms(delay.max)} ms`,
  );
  session.post('Profiler.stop', (error, result) => {
    if (error) console.error(error);
    else writeFileSync(process.env.CPU_PROFILE_FILE ?? 'server.cpuprofile', JSON.stringify(result.profile));
    console.log('profile written');
  });
});
