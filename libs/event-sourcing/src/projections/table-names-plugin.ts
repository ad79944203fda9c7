import {
  type KyselyPlugin,
  OperationNodeTransformer,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type TableNode,
  type UnknownRow,
} from 'kysely';

class RenameTables extends OperationNodeTransformer {
  constructor(private readonly names: ReadonlyMap<string, string>) {
    super();
  }

  protected override transformTable(node: TableNode): TableNode {
    const transformed = super.transformTable(node);
    const physical = transformed.table.schema ? undefined : this.names.get(transformed.table.identifier.name);
    if (!physical) return transformed;
    return {
      ...transformed,
      table: { ...transformed.table, identifier: { ...transformed.table.identifier, name: physical } },
    };
  }
}

/**
 * Lets a projection write by logical table names while the runner decides which generation's tables
 * they mean. Rewrites every table reference Kysely builds (including `table.column` references and
 * `sql.table()`); a table name inside a raw SQL string is not seen, so use `sql.table()` there.
 */
export class TableNamesPlugin implements KyselyPlugin {
  private readonly transformer: RenameTables;

  constructor(names: ReadonlyMap<string, string>) {
    this.transformer = new RenameTables(names);
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return this.transformer.transformNode(args.node);
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}
