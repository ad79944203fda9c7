import { writeFileSync } from 'node:fs';
import { parseAsOf } from '@ledger/event-sourcing';
import type { Command } from 'commander';
import { type LedgerConfig, loadConfig } from '../../../ledger-api/src/config/ledger-config';
import { ProblemError } from '../../../ledger-api/src/http/problem';
import { checkRange, parseQuery } from '../../../ledger-api/src/views/view-request';
import { type Filter, type ViewAnswer, viewAnswers } from './view-answers';
import { withLedgerAsOf } from './views-as-of';

export interface ViewOptions {
  asOf?: string;
  out?: string;
  partner?: string;
  worker?: string;
  customer?: string;
  status?: string;
  program?: string;
  from?: string;
  to?: string;
  kind?: string;
}

const FILTERS = ['partner', 'worker', 'customer', 'status', 'program', 'from', 'to', 'kind'] as const;
export const VIEW_NAMES = Object.keys(viewAnswers('UTC'));

/** `view <name> --as-of …`: a view as it stood then, as CSV. */
export function viewCommand(program: Command): void {
  const routes = Object.entries(viewAnswers('UTC'))
    .map(([name, answer]) => `  ${name.padEnd(20)}${answer.route}`)
    .join('\n');
  program
    .command('view <name>')
    .description(`build a view as it stood at a past position or time, as CSV (${VIEW_NAMES.join(', ')})`)
    .option(
      '--as-of <time|position>',
      "a position, or a time with an offset or Z (the ledger's clock); default: now",
    )
    .option('--out <file>', 'write the CSV to this file (default: standard output)')
    .option('--partner <id>', 'partnerId: referrals, caseload-partner, the reports')
    .option('--worker <id>', 'the account whose caseload: caseload-worker')
    .option('--customer <id>', 'customerId: referrals (with the duplicates merged into them)')
    .option('--status <status>', 'referrals, duplicates')
    .option('--program <program>', 'timeliness, service-integration')
    .option('--from <date>', 'the reports: from this date')
    .option('--to <date>', 'the reports: to this date (inclusive)')
    .option('--kind <kind>', 'duplicates: customer, assessment, plan-activity, referral')
    .addHelpText('after', `\nViews (each as the API route answers it; lists one row per item):\n${routes}\n`)
    .action(async (name: string, options: ViewOptions) => {
      await runView(loadConfig(), name, options, (csv) => process.stdout.write(csv), console.error);
    });
}

export async function runView(
  config: LedgerConfig,
  name: string,
  options: ViewOptions,
  write: (csv: string) => void,
  note: (line: string) => void,
): Promise<void> {
  const answer = viewAnswers(config.timezone)[name];
  if (!answer) throw new Error(`no view ${name}; there are ${VIEW_NAMES.join(', ')}`);
  const filter = filterOf(name, answer, options);
  const result = await withLedgerAsOf(
    config,
    (store) => {
      if (options.asOf === undefined) return undefined;
      const asOf = parseAsOf(store, options.asOf);
      if (!asOf) throw new Error('--as-of must be a position or a timestamp with an offset or Z');
      return asOf;
    },
    async (ledger) => ({ csv: await answer.csv(ledger, filter), cut: ledger.store.cut }),
  );
  if (!options.out) return write(result.csv);
  writeFileSync(options.out, result.csv);
  const rows = result.csv.split('\r\n').length - 2;
  note(
    `${name} as of position ${result.cut ?? 'none (before the first event)'}: ${rows} rows in ${options.out}`,
  );
}

/** The options checked as the route checks its parameters; an option the view does not take is refused. */
function filterOf(name: string, answer: ViewAnswer, options: ViewOptions): Filter {
  const query: Record<string, string> = {};
  const parsers: Record<string, (value: string, name: string) => string> = {};
  const optionOf: Record<string, string> = {};
  for (const option of FILTERS) {
    const value = options[option];
    if (value === undefined) continue;
    if (!answer.options[option]) throw new Error(`--${option} does not apply to view ${name}`);
    const [parameter, parse] = answer.options[option];
    query[parameter] = value;
    parsers[parameter] = parse;
    optionOf[parameter] = option;
  }
  for (const option of answer.required ?? [])
    if (options[option as keyof ViewOptions] === undefined) throw new Error(`view ${name} needs --${option}`);
  try {
    const filter = parseQuery(query, parsers) as Filter;
    checkRange(filter);
    return filter;
  } catch (error) {
    if (!(error instanceof ProblemError)) throw error;
    const errors = error.problem.errors ?? [];
    throw new Error(errors.map((e) => `--${optionOf[e.field] ?? e.field} ${e.message}`).join('; '));
  }
}
