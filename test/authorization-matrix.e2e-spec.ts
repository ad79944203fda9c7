import { DEFAULT_ROLE_CATALOGUE, type Permission, permissionsOf } from '@ledger/security';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { PERMISSION, PUBLIC } from '../apps/ledger-api/src/auth/requires.decorator';
import { LedgerTestApp } from './support/ledger-test-app';
import { Scenario } from './support/scenario';

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'ALL', 'OPTIONS', 'HEAD'];
const SAMPLE_ID = '00000000-0000-4000-8000-000000000001';

interface Route {
  method: string;
  path: string;
  permission?: Permission;
  public: boolean;
}

/** Every route the app serves, with the permission it asks for, read from the controllers themselves. */
function routesOf(ledger: LedgerTestApp): Route[] {
  const scanner = new MetadataScanner();
  const reflector = new Reflector();
  const controllers = [...ledger.app.get(ModulesContainer).values()].flatMap((module) => [
    ...module.controllers.values(),
  ]);
  return controllers.flatMap(({ instance, metatype }) => {
    if (!instance || !metatype) return [];
    const base = String(Reflect.getMetadata(PATH_METADATA, metatype) ?? '');
    return scanner.getAllMethodNames(Object.getPrototypeOf(instance)).flatMap((name) => {
      // biome-ignore lint/complexity/noBannedTypes: Nest keeps route metadata on the handler function itself
      const handler = (instance as Record<string, unknown>)[name] as Function;
      const path = Reflect.getMetadata(PATH_METADATA, handler);
      if (path === undefined) return [];
      const method = METHODS[Reflect.getMetadata(METHOD_METADATA, handler) as number];
      const full = `/${[base, String(path)].filter((p) => p && p !== '/').join('/')}`
        .replace(/\/+/g, '/')
        .replace(/:[a-zA-Z]+/g, SAMPLE_ID);
      return [
        {
          method,
          path: full,
          permission: reflector.get(PERMISSION, handler),
          public: !!reflector.getAllAndOverride(PUBLIC, [handler, metatype]),
        },
      ];
    });
  });
}

describe('authorization matrix: every route, every role, and accounts that are not active', () => {
  let ledger: LedgerTestApp;
  let routes: Route[];
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    ledger = await LedgerTestApp.start();
    const given = new Scenario(ledger);
    const w2 = await given.partner('W-2', 'w2-agency', ['w2', 'tj', 'tmj']);
    const cf = await given.partner('Children First', 'core-program', ['children-first']);
    const community = await given.partner('Community', 'community', ['community-services']);
    const partnerFor = (role: string) =>
      role.startsWith('w2-') || role === 'tj-worker' || role === 'tmj-worker'
        ? w2
        : role === 'cf-case-manager'
          ? cf
          : role === 'partner-case-manager'
            ? community
            : null;
    for (const role of Object.keys(DEFAULT_ROLE_CATALOGUE))
      tokens.set(role, (await given.staff(partnerFor(role), [role])).token);
    const inactive = async (route: string | undefined) => {
      const account = await given.staff(w2, ['w2-fep']);
      if (route)
        await ledger.post(`/api/v1/accounts/${account.id}/${route}`, ledger.bootstrapToken, {
          reason: 'matrix',
        });
      return account.token;
    };
    tokens.set('terminated', await inactive('termination'));
    tokens.set('disabled', await inactive('disable'));
    const requested = await ledger.post('/api/v1/accounts', ledger.bootstrapToken, {
      legalName: 'N',
      partnerId: w2,
      email: 'n@a.example',
      roles: ['w2-fep'],
    });
    tokens.set('never-activated', await ledger.tokenFor(requested.body.id));
    routes = routesOf(ledger);
  });
  afterAll(() => ledger.stop());

  it('finds the API’s routes, and every one under /api/v1 names a permission', () => {
    expect(routes.length).toBeGreaterThan(50);
    const unguarded = routes
      .filter((r) => r.path.startsWith('/api/v1') && !r.permission)
      .map((r) => `${r.method} ${r.path}`);
    expect(unguarded).toEqual([]);
    expect(
      routes
        .filter((r) => r.public)
        .map((r) => r.path)
        .sort(),
    ).toEqual(['/health', '/metrics']);
  });

  it('allows or denies each route for each role exactly as the catalogue says', async () => {
    const mismatches: string[] = [];
    for (const [role, token] of tokens) {
      const granted = permissionsOf(DEFAULT_ROLE_CATALOGUE[role] ? [role] : []);
      for (const route of routes.filter((r) => r.permission)) {
        const response = await ledger.http[route.method.toLowerCase() as 'get' | 'post'](route.path)
          .set('Authorization', `Bearer ${token}`)
          .set('X-Work-Reason', 'authorization matrix')
          .send(route.method === 'POST' ? {} : undefined);
        const denied =
          response.status === 403 && ['PERMISSION_DENIED', 'ACCOUNT_NOT_ACTIVE'].includes(response.body.code);
        const shouldDeny = !DEFAULT_ROLE_CATALOGUE[role] || !granted.has(route.permission as Permission);
        if (denied !== shouldDeny)
          mismatches.push(
            `${role} ${route.method} ${route.path} → ${response.status} ${response.body.code ?? ''}`,
          );
      }
    }
    expect(mismatches).toEqual([]);
  });
});
