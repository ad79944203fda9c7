import type { Actor } from '@ledger/event-sourcing';
import { InvalidTokenError, type Permission, permissionsOf, TokenService } from '@ledger/security';
import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { AccessLog } from '../access/access-log';
import { Metrics } from '../health/metrics';
import { LOGGER } from '../http/json-logger';
import { fail } from '../http/problem';
import { AccountDirectory } from './account-directory';
import { ActivityTracker } from './activity-tracker';
import { LoginThrottle } from './login-throttle';
import { AS_OF, NO_WORK_REASON, PERMISSION, PUBLIC } from './requires.decorator';

/** A request once authenticated: `accountId` as soon as the token verifies, `actor` once the account may act. */
export type LedgerRequest = FastifyRequest & { actor?: Actor; accountId?: string };

const AS_OF_ELSEWHERE =
  'a record as it stood is GET /api/v1/audit/streams/{stream}/state?asOf=, the views take asOf, and the ' +
  'duplicate findings as they stood are `npm run cli -- view duplicates --as-of`';

/** What a route's decorators say; fixed once the app is built, so read once per handler. */
interface RouteRules {
  controller: object;
  public: boolean;
  permission: Permission | undefined;
  needsReason: boolean;
  acceptsAsOf: boolean;
}

/**
 * No anonymous access: a valid bearer token (401 otherwise), an active account (403), the route's
 * permission (403), a work reason on every GET that needs one (400), and no `?asOf=` where a route
 * would ignore it (400). Refusals are logged without
 * the token and throttled per address.
 */
@Injectable()
export class AuthenticationGuard implements CanActivate {
  private readonly rules = new WeakMap<object, RouteRules>();
  /** Each combination of roles' permission set (a handful exist), instead of a new Set per request. */
  private readonly permissions = new Map<string, Set<Permission>>();

  constructor(
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly directory: AccountDirectory,
    private readonly throttle: LoginThrottle,
    private readonly metrics: Metrics,
    private readonly accessLog: AccessLog,
    private readonly activity: ActivityTracker,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rules = this.rulesOf(context);
    if (rules.public) return true;
    const request = context.switchToHttp().getRequest<LedgerRequest>();
    this.throttle.check(request.ip);

    const accountId = await this.authenticate(request);
    request.accountId = accountId;
    const account = await this.directory.get(accountId);
    if (account?.status !== 'active') {
      this.logger.warn({
        msg: 'refused: account not active',
        accountId,
        status: account?.status ?? 'unknown',
      });
      await this.accessLog.recordDenial(request, 'ACCOUNT_NOT_ACTIVE');
      throw fail(403, 'the account is not active', { code: 'ACCOUNT_NOT_ACTIVE' });
    }
    const permission = rules.permission;
    if (!permission || !this.permissionsOf(account.roles).has(permission)) {
      await this.accessLog.recordDenial(request, 'PERMISSION_DENIED');
      throw fail(403, `your roles do not grant ${permission ?? 'this route'}`, { code: 'PERMISSION_DENIED' });
    }
    request.actor = { accountId, partnerId: account.partnerId, roles: account.roles };
    await this.activity.touch(accountId);

    const needsReason = request.method === 'GET' && rules.needsReason;
    if (needsReason && !String(request.headers['x-work-reason'] ?? '').trim()) {
      throw fail(400, 'X-Work-Reason is required to read this', {
        code: 'WORK_REASON_REQUIRED',
        errors: [{ field: 'X-Work-Reason', message: 'a work reason is required' }],
      });
    }
    // Answering the present to a question about the past would mislead.
    if (!rules.acceptsAsOf && (request.query as { asOf?: unknown } | undefined)?.asOf !== undefined) {
      const message = `is not a parameter of this route: ${AS_OF_ELSEWHERE}`;
      throw fail(400, `asOf ${message}`, { errors: [{ field: 'asOf', message }] });
    }
    return true;
  }

  private rulesOf(context: ExecutionContext): RouteRules {
    const handler = context.getHandler();
    const controller = context.getClass();
    let rules = this.rules.get(handler);
    if (rules?.controller !== controller) {
      const targets = [handler, controller];
      rules = {
        controller,
        public: !!this.reflector.getAllAndOverride<boolean>(PUBLIC, targets),
        permission: this.reflector.getAllAndOverride<Permission>(PERMISSION, targets),
        needsReason: !this.reflector.getAllAndOverride<boolean>(NO_WORK_REASON, targets),
        acceptsAsOf: !!this.reflector.getAllAndOverride<boolean>(AS_OF, targets),
      };
      this.rules.set(handler, rules);
    }
    return rules;
  }

  private permissionsOf(roles: readonly string[]): Set<Permission> {
    const key = roles.join(' ');
    let permissions = this.permissions.get(key);
    if (!permissions) {
      permissions = permissionsOf(roles);
      if (this.permissions.size >= 1000) this.permissions.clear();
      this.permissions.set(key, permissions);
    }
    return permissions;
  }

  private async authenticate(request: LedgerRequest): Promise<string> {
    const header = request.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    try {
      if (!token) throw new InvalidTokenError('no bearer token');
      return await this.tokens.verify(token);
    } catch (error) {
      const reason = error instanceof InvalidTokenError ? error.message : 'invalid token';
      this.throttle.failed(request.ip);
      this.logger.warn({ msg: 'refused: authentication', reason, ip: request.ip });
      this.metrics.refusedAuthentications.inc();
      throw fail(401, `authentication failed: ${reason}`, { code: 'UNAUTHENTICATED' });
    }
  }
}
