import { describe, expect, it } from 'vitest';
import { formatSql } from './format.js';

const STATEMENTS = [
  `select "vehicles"."id", (select count(*) as "n" from "houses" where "houses"."estate_id" = "estates"."id") as "house_count" from "vehicles" where "vehicles"."region_path" like $1 and "x" = any($2::text[]) order by "vehicles"."plate" limit $3`,
  `insert into "t" ("a", "b") values ($1, $2) on conflict ("key") do update set "hits" = case when "x" <= $3 then 1 else "h" + $4 end returning "hits", "w"`,
  `WITH seq AS (SELECT nextval('case_number_seq')::text AS n)
     SELECT 'PY' || $1::text, count(*) FILTER (WHERE x > 'a  b') FROM seq WHERE a IS DISTINCT FROM b`,
];
const withoutSpace = (sql: string) => sql.replace(/\s+/g, '');

describe('formatSql', () => {
  it.each(STATEMENTS)('moves only whitespace: %s', (sql) => {
    expect(withoutSpace(formatSql(sql))).toBe(withoutSpace(sql));
  });

  it('keeps what is quoted as it is, and comments', () => {
    expect(formatSql(STATEMENTS[2])).toContain("x > 'a  b'");
    expect(formatSql(`/* prepared:report_case */ ${STATEMENTS[2]}`)).toMatch(/^\/\* prepared:report_case \*\/\s/);
  });

  it('puts each clause on its own line, the items of a list one per line, and subqueries under their parenthesis', () => {
    expect(formatSql(STATEMENTS[0]).split('\n')).toEqual([
      'select',
      '  "vehicles"."id",',
      '  (',
      '    select count(*) as "n"',
      '    from "houses"',
      '    where "houses"."estate_id" = "estates"."id"',
      '  ) as "house_count"',
      'from "vehicles"',
      'where "vehicles"."region_path" like $1',
      '  and "x" = any($2::text[])',
      'order by "vehicles"."plate"',
      'limit $3',
    ]);
  });

  it('does not take a comparison for a clause', () => {
    expect(formatSql(STATEMENTS[2])).toContain('WHERE a IS DISTINCT FROM b');
  });
});
