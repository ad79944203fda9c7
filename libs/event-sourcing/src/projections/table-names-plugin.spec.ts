import { DummyDriver, Kysely, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler, sql } from 'kysely';
import { TableNamesPlugin } from './table-names-plugin';

type Tables = { counts: { category: string; events: number }; other: { id: string } };

const db = new Kysely<Tables>({
  dialect: {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (k) => new SqliteIntrospector(k),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  },
}).withPlugin(new TableNamesPlugin(new Map([['counts', 'counts_g7']])));

describe('TableNamesPlugin', () => {
  it('renames a logical table everywhere the builder puts it, and nothing else', () => {
    const upsert = db
      .insertInto('counts')
      .values({ category: 'case', events: 1 })
      .onConflict((oc) =>
        oc
          .column('category')
          .doUpdateSet((eb) => ({ events: eb('counts.events', '+', eb.ref('excluded.events')) })),
      )
      .compile();
    expect(upsert.sql).toBe(
      'insert into "counts_g7" ("category", "events") values (?, ?) on conflict ("category") do update set "events" = "counts_g7"."events" + "excluded"."events"',
    );
    const joined = db
      .selectFrom('counts as c')
      .innerJoin('other', 'other.id', 'c.category')
      .select('c.events')
      .compile();
    expect(joined.sql).toBe(
      'select "c"."events" from "counts_g7" as "c" inner join "other" on "other"."id" = "c"."category"',
    );
  });

  it('renames sql.table() inside raw SQL', () => {
    expect(sql`delete from ${sql.table('counts')}`.compile(db).sql).toBe('delete from "counts_g7"');
  });
});
