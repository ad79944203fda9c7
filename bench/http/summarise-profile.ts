import { readFileSync } from 'node:fs';
import { summariseProfile } from './cpu-profile-summary';

/**
 * `node dist/bench/http/summarise-profile.js <file.cpuprofile> <requests>`: the summary of a kept profile
 * (KEEP_PROFILE with profile-routes, or any `node --cpu-prof` profile) per request.
 */
const [file, requests] = process.argv.slice(2);
if (!file || !Number(requests)) {
  console.error('usage: summarise-profile <file.cpuprofile> <requests answered in it>');
  process.exit(2);
}
summariseProfile(JSON.parse(readFileSync(file, 'utf8')), Number(requests));
