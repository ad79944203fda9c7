import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';

/**
 * Preloaded (`node -r`) into a server under load: the first SIGWINCH (not SIGUSR2: Nest's shutdown hooks take that one) starts the CPU profiler, the second
 * writes the profile to $CPU_PROFILE_FILE, so start-up and set-up stay out of the samples.
 */
const session = new Session();
session.connect();
let running = false;

process.on('SIGWINCH', () => {
  if (!running) {
    running = true;
    session.post('Profiler.setSamplingInterval', { interval: 500 }, () =>
      session.post('Profiler.enable', () => session.post('Profiler.start')),
    );
    return;
  }
  running = false;
  session.post('Profiler.stop', (error, result) => {
    if (error) console.error(error);
    else writeFileSync(process.env.CPU_PROFILE_FILE ?? 'server.cpuprofile', JSON.stringify(result.profile));
    console.log('profile written');
  });
});
