/* The SQL formatter Powerpipe's View detail uses (@supabase/sql-formatter 4.0.3, its PanelDetailQuery
 * calls format(sql, { language: "postgresql" })), its PostgreSQL formatter alone.  build.sh bundles it. */
import PostgreSqlFormatter from "@supabase/sql-formatter/src/languages/PostgreSqlFormatter";

export const format = (query) => new PostgreSqlFormatter({ language: "postgresql" }).format(query);
