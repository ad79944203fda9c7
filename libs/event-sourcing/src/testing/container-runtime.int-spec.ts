import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { detectContainerRuntime } from './container-runtime';

/** A stand-in engine in its own process: the probe blocks this one while it waits for the answer. */
const FAKE_ENGINE = `
require('node:http')
  .createServer((req, res) => res.writeHead(req.url === '/_ping' ? 200 : 404).end('OK'))
  .listen(process.argv[1]);
`;

describe('detectContainerRuntime', () => {
  let dir: string;
  let engine: ChildProcess | undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'engine-'));
  });
  afterEach(() => {
    engine?.kill();
    engine = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds an engine that answers /_ping on its socket', async () => {
    const socket = join(dir, 'docker.sock');
    engine = spawn(process.execPath, ['-e', FAKE_ENGINE, socket], { stdio: 'ignore' });
    while (!existsSync(socket)) await sleep(10);
    // A generous probe time: on a loaded machine starting the probe's process alone can take a second.
    expect(detectContainerRuntime({ DOCKER_HOST: `unix://${socket}` }, 10_000)).toEqual({
      found: true,
      endpoint: `unix://${socket}`,
    });
  });

  it('says why when nothing is there or nothing answers', () => {
    const missing = detectContainerRuntime({ DOCKER_HOST: `unix://${join(dir, 'absent.sock')}` });
    const refused = detectContainerRuntime({ DOCKER_HOST: 'tcp://127.0.0.1:1' });
    expect(missing).toMatchObject({ found: false, reason: expect.stringContaining('absent.sock') });
    expect(refused).toMatchObject({ found: false, reason: expect.stringContaining('/_ping') });
  });
});
