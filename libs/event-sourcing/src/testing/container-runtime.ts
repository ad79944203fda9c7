import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export type ContainerRuntime = { found: true; endpoint: string } | { found: false; reason: string };

const PROBE_MS = 1500;

/**
 * Is there a Docker-API container engine (Docker, Podman, Colima, Rancher) Testcontainers could use?
 * Decided synchronously and fast, so a test file can choose between running and a visible skip when it
 * is loaded: look for the usual sockets (or DOCKER_HOST), then ask the first one for `/_ping` from a
 * child process bounded by a timeout. Nothing found costs a few `stat`s; a dead socket costs ≤ 1.5 s.
 */
export function detectContainerRuntime(
  env: NodeJS.ProcessEnv = process.env,
  probeMs = PROBE_MS,
): ContainerRuntime {
  const candidates = endpoints(env);
  const endpoint = candidates.find(
    (candidate) => candidate.startsWith('tcp://') || existsSync(socketPath(candidate)),
  );
  if (!endpoint) {
    return {
      found: false,
      reason: `no container engine: none of ${candidates.join(', ')} exists and DOCKER_HOST is unset`,
    };
  }
  try {
    execFileSync(process.execPath, ['-e', PROBE, endpoint], { timeout: probeMs, stdio: 'ignore' });
    return { found: true, endpoint };
  } catch {
    return {
      found: false,
      reason: `no container engine answered /_ping at ${endpoint} within ${PROBE_MS} ms`,
    };
  }
}

function endpoints(env: NodeJS.ProcessEnv): string[] {
  if (env.DOCKER_HOST) return [env.DOCKER_HOST];
  const home = homedir();
  const runtimeDir = env.XDG_RUNTIME_DIR ?? `/run/user/${process.getuid?.() ?? 0}`;
  return [
    env.TESTCONTAINERS_DOCKER_SOCKET_OVERRIDE,
    '/var/run/docker.sock',
    join(runtimeDir, 'docker.sock'),
    join(home, '.docker/run/docker.sock'),
    join(home, '.docker/desktop/docker.sock'),
    join(home, '.colima/default/docker.sock'),
    join(home, '.rd/docker.sock'),
    join(runtimeDir, 'podman/podman.sock'),
    '/run/podman/podman.sock',
  ]
    .filter((path): path is string => Boolean(path))
    .map((path) => `unix://${path}`);
}

function socketPath(endpoint: string): string {
  return endpoint.replace(/^unix:\/\//, '');
}

/** Exits 0 when the engine answers `GET /_ping` with 200. */
const PROBE = `
const http = require('node:http');
const target = process.argv[1];
const url = target.startsWith('tcp://') ? new URL(target.replace('tcp://', 'http://')) : undefined;
const options = url ? { host: url.hostname, port: url.port || 2375 } : { socketPath: target.replace('unix://', '') };
http.get({ ...options, path: '/_ping' }, (res) => process.exit(res.statusCode === 200 ? 0 : 1)).on('error', () => process.exit(1));
`;
