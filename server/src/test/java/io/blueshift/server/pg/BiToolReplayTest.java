package io.blueshift.server.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The statements DBeaver and Metabase send when they connect and when they list schemas, tables and
 * columns (taken from their PostgreSQL drivers' sources), replayed through pgJDBC, which both use.
 * Each must run and answer with the rows a user then sees in the tool's navigator.
 */
class BiToolReplayTest {
    private static TestServer server;
    private static int publicOid;
    private static int ordersOid;

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(PgServer.Auth.SCRAM);
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("create table bi_orders (id int primary key, customer varchar(40) not null, total decimal(12,2),"
                    + " placed date)");
            s.execute("create table bi_lines (order_id int, sku text, qty bigint)");
            try (ResultSet rs = s.executeQuery("select 'public'::regnamespace::oid, 'bi_orders'::regclass::oid")) {
                rs.next();
                publicOid = rs.getInt(1);
                ordersOid = rs.getInt(2);
            }
        }
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    /** The rows of a query, each as its columns' text joined by {@code |}. */
    private static List<String> rows(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                p.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = p.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                List<String> rows = new ArrayList<>();
                while (rs.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        row.append(i > 1 ? "|" : "").append(rs.getString(i));
                    }
                    rows.add(row.toString());
                }
                return rows;
            }
        }
    }

    /**
     * The rows of a statement whose SQL needs what the SQL engine lacks yet: aborts the test as a
     * known gap when it fails with {@code symptom}, and answers its rows once the engine has it.
     */
    private static List<String> rowsOrGap(String symptom, String gap, Connection c, String sql, Object... parameters)
            throws SQLException {
        try {
            return rows(c, sql, parameters);
        } catch (SQLException e) {
            Assumptions.assumeFalse(String.valueOf(e.getMessage()).contains(symptom), () -> "known gap: " + gap + " (" + symptom + ")");
            throw e;
        }
    }

    /** The values of one column of a query's rows. */
    private static List<String> column(Connection c, String column, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                p.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = p.executeQuery()) {
                List<String> values = new ArrayList<>();
                while (rs.next()) {
                    values.add(rs.getString(column));
                }
                return values;
            }
        }
    }

    // ---- DBeaver: PostgreDataSource, PostgreDatabase, PostgreSchema, PostgreTableBase ------------

    @Test
    void dbeaverConnectsAndListsDatabasesAndSchemas() throws Exception {
        try (Connection c = server.connect()) {
            c.setClientInfo("ApplicationName", "DBeaver 24.0.0 - Main");
            assertEquals(List.of("dev"), column(c, "datname",
                    "SELECT db.oid,db.* FROM pg_catalog.pg_database db WHERE datallowconn  AND NOT datistemplate \nORDER BY db.datname"));
            assertTrue(rows(c, "SELECT version()").get(0).startsWith("PostgreSQL "));
            assertEquals(List.of("dev"), rows(c, "SELECT current_database()"));
            assertEquals(List.of("public|admin"), rows(c, "SELECT current_schema(),session_user"));
            assertEquals(1, rows(c, "SHOW search_path").size());
            List<String> schemas = column(c, "nspname", "SELECT n.oid,n.*,d.description FROM pg_catalog.pg_namespace n\n"
                    + "LEFT OUTER JOIN pg_catalog.pg_description d ON d.objoid=n.oid AND d.objsubid=0 AND d.classoid='pg_namespace'::regclass\n"
                    + " ORDER BY nspname");
            assertTrue(schemas.containsAll(List.of("information_schema", "pg_catalog", "public")), schemas.toString());
            List<String> types = column(c, "typname", "SELECT t.oid,t.*,c.relkind,format_type(nullif(t.typbasetype, 0), t.typtypmod)"
                    + " as base_type_name, d.description\nFROM pg_catalog.pg_type t\n"
                    + "LEFT OUTER JOIN pg_catalog.pg_class c ON c.oid=t.typrelid\n"
                    + "LEFT OUTER JOIN pg_catalog.pg_description d ON t.oid=d.objoid\n"
                    + "WHERE t.typname IS NOT NULL AND (c.relkind IS NULL OR c.relkind = 'c')");
            assertTrue(types.containsAll(List.of("int4", "varchar", "numeric", "date", "text", "bool")), types.toString());
        }
    }

    @Test
    void dbeaverListsTablesAndColumns() throws Exception {
        try (Connection c = server.connect()) {
            assertEquals(2, rows(c, "select c.oid,pg_catalog.pg_total_relation_size(c.oid) as total_rel_size,"
                    + "pg_catalog.pg_relation_size(c.oid) as rel_size\nFROM pg_class c\nWHERE c.relnamespace=? AND c.relkind = 'r'",
                    publicOid).size());
            List<String> columns = rows(c, "SELECT c.relname,a.attname,a.attnum,a.atttypid,a.attnotnull,"
                    + "pg_catalog.pg_get_expr(ad.adbin, ad.adrelid, true) as def_value,dsc.description,dep.objid\n"
                    + "FROM pg_catalog.pg_attribute a\n"
                    + "INNER JOIN pg_catalog.pg_class c ON (a.attrelid=c.oid)\n"
                    + "LEFT OUTER JOIN pg_catalog.pg_attrdef ad ON (a.attrelid=ad.adrelid AND a.attnum = ad.adnum)\n"
                    + "LEFT OUTER JOIN pg_catalog.pg_description dsc ON (c.oid=dsc.objoid AND a.attnum = dsc.objsubid)\n"
                    + "LEFT OUTER JOIN pg_depend dep on dep.refobjid = a.attrelid AND dep.deptype = 'i' and dep.refobjsubid = a.attnum"
                    + " and dep.classid = dep.refclassid\n"
                    + "WHERE NOT a.attisdropped AND c.relkind not in ('i','I','c') AND c.oid=?\nORDER BY a.attnum", ordersOid);
            assertEquals(List.of("bi_orders|id|1|23|t|null|null|null", "bi_orders|customer|2|1043|t|null|null|null",
                    "bi_orders|total|3|1700|f|null|null|null", "bi_orders|placed|4|1082|f|null|null|null"), columns);
            List<String> withStar = column(c, "attname", "SELECT c.relname,a.*,pg_catalog.pg_get_expr(ad.adbin, ad.adrelid, true)"
                    + " as def_value,dsc.description\nFROM pg_catalog.pg_attribute a\n"
                    + "INNER JOIN pg_catalog.pg_class c ON (a.attrelid=c.oid)\n"
                    + "LEFT OUTER JOIN pg_catalog.pg_attrdef ad ON (a.attrelid=ad.adrelid AND a.attnum = ad.adnum)\n"
                    + "LEFT OUTER JOIN pg_catalog.pg_description dsc ON (c.oid=dsc.objoid AND a.attnum = dsc.objsubid)\n"
                    + "WHERE NOT a.attisdropped AND c.relkind not in ('i','I','c') AND c.oid=?\nORDER BY a.attnum", ordersOid);
            assertEquals(List.of("id", "customer", "total", "placed"), withStar);
            List<String> keys = column(c, "conname", "SELECT c.oid,c.*,t.relname as tabrelname,rt.relnamespace as refnamespace,"
                    + "d.description, case when c.contype='c' then \"substring\"(pg_get_constraintdef(c.oid), 7) else null end consrc_copy\n"
                    + "FROM pg_catalog.pg_constraint c\n"
                    + "INNER JOIN pg_catalog.pg_class t ON t.oid=c.conrelid\n"
                    + "LEFT OUTER JOIN pg_catalog.pg_class rt ON rt.oid=c.confrelid\n"
                    + "LEFT OUTER JOIN pg_catalog.pg_description d ON d.objoid=c.oid AND d.objsubid=0 AND d.classoid='pg_constraint'::regclass\n"
                    + "WHERE c.conrelid=?\nORDER BY c.oid", ordersOid);
            assertEquals(List.of("bi_orders_pkey"), keys);
            // the navigator's table list, partition columns included
            List<String> tables = rowsOrGap("pg_get_partkeydef", "the catalog has no pg_get_partkeydef", c,
                    "SELECT c.relname,d.description,pg_catalog.pg_get_expr(c.relpartbound, c.oid)"
                    + " as partition_expr,  pg_catalog.pg_get_partkeydef(c.oid) as partition_key \n"
                    + "FROM pg_catalog.pg_class c\n"
                    + "LEFT OUTER JOIN pg_catalog.pg_description d ON d.objoid=c.oid AND d.objsubid=0 AND d.classoid='pg_class'::regclass\n"
                    + "WHERE c.relnamespace=? AND c.relkind not in ('i','I','c')", publicOid);
            assertEquals(List.of("bi_lines|null|null|null", "bi_orders|null|null|null"), tables.stream().sorted().toList());
        }
    }

    // ---- Metabase: metabase.driver.postgres and sql-jdbc sync ------------------------------------

    @Test
    void metabaseConnectsAndListsSyncableTables() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("SET SESSION TIMEZONE TO 'UTC';");
            assertEquals(List.of("UTC"), rows(c, "show timezone;"));
            assertEquals(List.of(), rows(c, "SELECT nspname, typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
                    + " WHERE t.oid IN (SELECT DISTINCT enumtypid FROM pg_enum e)"));
            List<String> tables = rows(c, "SELECT \"n\".\"nspname\" AS \"schema\", \"c\".\"relname\" AS \"name\", CASE \"c\".\"relkind\""
                    + " WHEN 'r' THEN 'TABLE' WHEN 'p' THEN 'PARTITIONED TABLE' WHEN 'v' THEN 'VIEW' WHEN 'f' THEN 'FOREIGN TABLE'"
                    + " WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE NULL END AS \"type\", \"d\".\"description\" AS \"description\","
                    + " \"stat\".\"n_live_tup\" AS \"estimated_row_count\" FROM \"pg_catalog\".\"pg_class\" AS \"c\""
                    + " INNER JOIN \"pg_catalog\".\"pg_namespace\" AS \"n\" ON \"c\".\"relnamespace\" = \"n\".\"oid\""
                    + " LEFT JOIN \"pg_catalog\".\"pg_description\" AS \"d\" ON (\"c\".\"oid\" = \"d\".\"objoid\") AND (\"d\".\"objsubid\" = 0)"
                    + " AND (\"d\".\"classoid\" = 'pg_class'::regclass) LEFT JOIN \"pg_stat_user_tables\" AS \"stat\""
                    + " ON (\"n\".\"nspname\" = \"stat\".\"schemaname\") AND (\"c\".\"relname\" = \"stat\".\"relname\")"
                    + " WHERE (\"c\".\"relnamespace\" = \"n\".\"oid\") AND (\"n\".\"nspname\" !~ '^pg_') AND (\"n\".\"nspname\" <> 'information_schema')"
                    + " AND c.relkind in ('r', 'p', 'v', 'f', 'm') AND (\"n\".\"nspname\" IN (?))"
                    + " ORDER BY \"type\" ASC, \"schema\" ASC, \"name\" ASC", "public");
            assertEquals(2, tables.size(), tables.toString());
            assertTrue(tables.get(0).startsWith("public|bi_lines|TABLE|null|"), tables.toString());
            assertTrue(tables.get(1).startsWith("public|bi_orders|TABLE|null|"), tables.toString());
            List<String> privileges = rowsOrGap("syntax error at or near \"table\"",
                    "the SQL parser refuses reserved words as column aliases after AS (as table, as select)", c, String.join("\n",
                    "with table_privileges as (",
                    " select",
                    "   NULL as role,",
                    "   t.schemaname as schema,",
                    "   t.objectname as table,",
                    "   pg_catalog.has_any_column_privilege(current_user, '\"' || replace(t.schemaname, '\"', '\"\"') || '\"' || '.' || '\"'"
                            + " || replace(t.objectname, '\"', '\"\"') || '\"',  'update') as update,",
                    "   pg_catalog.has_any_column_privilege(current_user, '\"' || replace(t.schemaname, '\"', '\"\"') || '\"' || '.' || '\"'"
                            + " || replace(t.objectname, '\"', '\"\"') || '\"',  'select') as select,",
                    "   pg_catalog.has_any_column_privilege(current_user, '\"' || replace(t.schemaname, '\"', '\"\"') || '\"' || '.' || '\"'"
                            + " || replace(t.objectname, '\"', '\"\"') || '\"',  'insert') as insert,",
                    "   pg_catalog.has_table_privilege(     current_user, '\"' || replace(t.schemaname, '\"', '\"\"') || '\"' || '.' || '\"'"
                            + " || replace(t.objectname, '\"', '\"\"') || '\"',  'delete') as delete",
                    " from (",
                    "   select schemaname, tablename as objectname from pg_catalog.pg_tables",
                    "   union",
                    "   select schemaname, viewname as objectname from pg_catalog.pg_views",
                    "   union",
                    "   select schemaname, matviewname as objectname from pg_catalog.pg_matviews",
                    " ) t",
                    " where t.schemaname !~ '^pg_'",
                    "   and t.schemaname <> 'information_schema'",
                    "   and pg_catalog.has_schema_privilege(current_user, t.schemaname, 'usage')",
                    ")",
                    "select t.*",
                    "from table_privileges t"));
            assertEquals(List.of("null|public|bi_lines|t|t|t|t", "null|public|bi_orders|t|t|t|t"), privileges.stream().sorted().toList());
        }
    }

    @Test
    void metabaseDescribesFieldsKeysAndIndexes() throws Exception {
        try (Connection c = server.connect()) {
            List<String> keys = rows(c, "SELECT \"fk_ns\".\"nspname\" AS \"fk-table-schema\", \"fk_table\".\"relname\" AS \"fk-table-name\","
                    + " \"fk_column\".\"attname\" AS \"fk-column-name\", \"pk_ns\".\"nspname\" AS \"pk-table-schema\","
                    + " \"pk_table\".\"relname\" AS \"pk-table-name\", \"pk_column\".\"attname\" AS \"pk-column-name\""
                    + " FROM \"pg_constraint\" AS \"c\" INNER JOIN \"pg_class\" AS \"fk_table\" ON \"c\".\"conrelid\" = \"fk_table\".\"oid\""
                    + " INNER JOIN \"pg_namespace\" AS \"fk_ns\" ON \"c\".\"connamespace\" = \"fk_ns\".\"oid\""
                    + " INNER JOIN \"pg_attribute\" AS \"fk_column\" ON \"c\".\"conrelid\" = \"fk_column\".\"attrelid\""
                    + " INNER JOIN \"pg_class\" AS \"pk_table\" ON \"c\".\"confrelid\" = \"pk_table\".\"oid\""
                    + " INNER JOIN \"pg_namespace\" AS \"pk_ns\" ON \"pk_table\".\"relnamespace\" = \"pk_ns\".\"oid\""
                    + " INNER JOIN \"pg_attribute\" AS \"pk_column\" ON \"c\".\"confrelid\" = \"pk_column\".\"attrelid\""
                    + " WHERE (fk_ns.nspname !~ '^information_schema|catalog_history|pg_') AND (\"c\".\"contype\" = 'f'::char)"
                    + " AND (\"fk_column\".\"attnum\" = ANY(c.conkey)) AND (\"pk_column\".\"attnum\" = ANY(c.confkey))"
                    + " AND (\"fk_table\".\"relname\" IN (?)) AND (\"fk_ns\".\"nspname\" IN (?))"
                    + " ORDER BY \"fk-table-schema\" ASC, \"fk-table-name\" ASC", "bi_lines", "public");
            assertEquals(List.of(), keys);
            List<String> indexes = rows(c, "SELECT \"tmp\".\"table-schema\", \"tmp\".\"table-name\","
                    + " TRIM(BOTH '\"' FROM PG_CATALOG.PG_GET_INDEXDEF(\"tmp\".\"ci_oid\", \"tmp\".\"pos\", FALSE)) AS \"field-name\""
                    + " FROM (SELECT \"n\".\"nspname\" AS \"table-schema\", \"ct\".\"relname\" AS \"table-name\", \"ci\".\"oid\" AS \"ci_oid\","
                    + " (INFORMATION_SCHEMA._PG_EXPANDARRAY(\"i\".\"indkey\")).\"n\" AS \"pos\""
                    + " FROM \"pg_catalog\".\"pg_class\" AS \"ct\" INNER JOIN \"pg_catalog\".\"pg_namespace\" AS \"n\" ON \"ct\".\"relnamespace\" = \"n\".\"oid\""
                    + " INNER JOIN \"pg_catalog\".\"pg_index\" AS \"i\" ON \"ct\".\"oid\" = \"i\".\"indrelid\""
                    + " INNER JOIN \"pg_catalog\".\"pg_class\" AS \"ci\" ON \"ci\".\"oid\" = \"i\".\"indexrelid\""
                    + " WHERE (PG_CATALOG.PG_GET_EXPR(\"i\".\"indpred\", \"i\".\"indrelid\") IS NULL)"
                    + " AND n.nspname !~ '^information_schema|catalog_history|pg_' AND (\"n\".\"nspname\" IN (?))"
                    + " AND (\"ct\".\"relname\" IN (?))) AS \"tmp\" WHERE \"tmp\".\"pos\" = 1", "public", "bi_orders");
            assertEquals(List.of("public|bi_orders|id"), indexes);
            List<String> fields = rowsOrGap("function format(", "the SQL engine has no format()", c, "SELECT \"c\".\"column_name\" AS \"name\", CASE WHEN \"c\".\"udt_schema\" IN ('public', 'pg_catalog')"
                    + " THEN FORMAT('%s', \"c\".\"udt_name\") ELSE FORMAT('\"%s\".\"%s\"', \"c\".\"udt_schema\", \"c\".\"udt_name\") END AS \"database-type\","
                    + " \"c\".\"ordinal_position\" - 1 AS \"database-position\", \"c\".\"table_schema\" AS \"table-schema\","
                    + " \"c\".\"table_name\" AS \"table-name\", \"pk\".\"column_name\" IS NOT NULL AS \"pk?\","
                    + " COL_DESCRIPTION(CAST(CAST(FORMAT('%I.%I', CAST(\"c\".\"table_schema\" AS TEXT), CAST(\"c\".\"table_name\" AS TEXT)) AS REGCLASS) AS OID),"
                    + " \"c\".\"ordinal_position\") AS \"field-comment\","
                    + " ((\"column_default\" IS NULL) OR (LOWER(\"column_default\") = 'null')) AND (\"is_nullable\" = 'NO')"
                    + " AND NOT (((\"column_default\" IS NOT NULL) AND (\"column_default\" LIKE '%nextval(%')) OR (\"is_identity\" <> 'NO'))"
                    + " AS \"database-required\","
                    + " ((\"column_default\" IS NOT NULL) AND (\"column_default\" LIKE '%nextval(%')) OR (\"is_identity\" <> 'NO')"
                    + " AS \"database-is-auto-increment\""
                    + " FROM \"information_schema\".\"columns\" AS \"c\""
                    + " LEFT JOIN (SELECT \"tc\".\"table_schema\", \"tc\".\"table_name\", \"kc\".\"column_name\""
                    + " FROM \"information_schema\".\"table_constraints\" AS \"tc\""
                    + " INNER JOIN \"information_schema\".\"key_column_usage\" AS \"kc\" ON (\"tc\".\"constraint_name\" = \"kc\".\"constraint_name\")"
                    + " AND (\"tc\".\"table_schema\" = \"kc\".\"table_schema\") AND (\"tc\".\"table_name\" = \"kc\".\"table_name\")"
                    + " WHERE \"tc\".\"constraint_type\" = 'PRIMARY KEY') AS \"pk\""
                    + " ON (\"c\".\"table_schema\" = \"pk\".\"table_schema\") AND (\"c\".\"table_name\" = \"pk\".\"table_name\")"
                    + " AND (\"c\".\"column_name\" = \"pk\".\"column_name\")"
                    + " WHERE c.table_schema !~ '^information_schema|catalog_history|pg_' AND (\"c\".\"table_schema\" IN (?))"
                    + " AND (\"c\".\"table_name\" IN (?))"
                    + " ORDER BY \"table-schema\" ASC, \"table-name\" ASC, \"database-position\" ASC", "public", "bi_orders");
            assertEquals(List.of("id|int4|0|public|bi_orders|t|null|t|f", "customer|varchar|1|public|bi_orders|f|null|t|f",
                    "total|numeric|2|public|bi_orders|f|null|f|f", "placed|date|3|public|bi_orders|f|null|f|f"), fields);
        }
    }
}
