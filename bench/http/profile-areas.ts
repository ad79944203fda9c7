interface Frame {
  functionName: string;
  url: string;
  lineNumber: number;
}

/**
 * The ledger's areas, most specific first: a sample goes to the first area any frame of its stack belongs
 * to. Tested against `function url:line`; continuations after an `await` have short stacks, so the areas
 * also name the functions that resume there (and decrypting, wherever it is awaited, counts as crypto).
 */
const AREAS: [string, RegExp][] = [
  ['views (projections)', /projections\/|kysely|libs\/ledger\/src\/views|follow-all/],
  ['audit checkpoints', /audit\/checkpointer|audit\/merkle/],
  [
    'clearance index catch-up',
    /^(read|apply|indexIdentity|merge|withoutUndefined|catchUp|readOnce|open) .*customer-identities/,
  ],
  [
    'clearance search',
    /^search .*customer-identities|match-index|normalise|phonetic|metaphone|compare-|identity-columns|blocking|string-pool|clearance-searches/,
  ],
  ['personal data crypto (seal, key, SSN)', /personal-data-protector|ssn\.js|random-pool/],
  [
    'event store settle/dispatch',
    /sqlite-event-store\.js:(92|81|40) |internal\/worker|messageport|event_target/,
  ],
  ['validation pipe', /validation\.pipe|class-validator|class-transformer/],
  ['authentication guard', /authentication\.guard/],
  [
    'route: controller, command, handler, read',
    /customers\.controller|command-gateway|register-customer|command-bus|customer-records|customer-summary|access-log|handle-command|shared\/execute/,
  ],
  ['request log and metrics', /request-log|prom-client/],
  ['HTTP, Fastify, Nest', /fastify|@nestjs|find-my-way|_http_|middie|secure-json|node:net|stream/],
];

const label = (f: Frame) => `${f.functionName} ${f.url}:${f.lineNumber + 1}`;

/** The area of one sample, from its stack (root first). */
export function areaOf(stack: readonly Frame[]): string {
  for (const [area, pattern] of AREAS) if (stack.some((f) => pattern.test(label(f)))) return area;
  const leaf = stack[stack.length - 1]?.functionName;
  return leaf === '(garbage collector)' || leaf === '(program)' ? leaf : 'other';
}
