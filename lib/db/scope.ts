import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { SiteScope } from '../core/scope';

/** The columns that say which site a row is about. */
type SiteColumn = 'site_id' | 'home_site_id';

/**
 * A site scope as a WHERE condition on one column: true for every site, false for none, `in (…)` otherwise (a row
 * with no site is reached only by every site). The one place a scope becomes SQL.
 */
export function inSiteScope(column: SiteColumn, scope: SiteScope): RawBuilder<SqlBool> {
  if (scope.all) return sql<SqlBool>`1 = 1`;
  if (scope.sites.length === 0) return sql<SqlBool>`1 = 0`;
  return sql<SqlBool>`${sql.ref(column)} in (${sql.join([...scope.sites])})`;
}
