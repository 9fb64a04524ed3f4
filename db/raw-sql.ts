import { is, type Column } from "drizzle-orm";
import { toSnakeCase } from "drizzle-orm/casing";
import { getTableConfig, SQLiteTable } from "drizzle-orm/sqlite-core";

type Named = SQLiteTable | Column;

/** The SQL name of a table or column, as the client (casing: snake_case) writes it. */
export function sqlName(x: Named): string {
  if (is(x, SQLiteTable)) return getTableConfig(x).name;
  return x.keyAsName ? toSnakeCase(x.name) : x.name;
}

/**
 * Text for a raw prepared statement (see preparedSql) that names tables and columns through the schema:
 * rawSql`SELECT ${events.type} FROM ${events}`. A renamed column changes the text; a removed one fails
 * the type check. Built once, when the module's statements are defined: no cost per query.
 */
export function rawSql(strings: TemplateStringsArray, ...names: Named[]): string {
  return strings.reduce((out, part, i) => out + part + (i < names.length ? sqlName(names[i]!) : ""), "");
}
