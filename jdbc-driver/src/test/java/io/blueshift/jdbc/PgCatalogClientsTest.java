package io.blueshift.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The metadata SQL real Postgres clients send, verbatim as a PostgreSQL 15 server logged it (psql
 * 15's {@code \dt}, {@code \d t1}, {@code \dn}, {@code \du}; pgJDBC 42.7's DatabaseMetaData;
 * SQLAlchemy 1.4's inspector), answered from Blueshift's catalog. Where psql and the drivers put
 * an OID they read earlier into a later statement, the test does the same.
 */
class PgCatalogClientsTest extends JdbcTestBase {
    @BeforeEach
    void schema() throws SQLException {
        exec("create schema s1",
                "create table t1(id integer primary key, name varchar(20) not null, amount numeric(10,2), ts timestamp, note text default 'x')",
                "create view v1 as select id, name from t1",
                "create table s1.t2(a bigint, b boolean, c date, primary key(a, b))");
    }

    @Test
    void psqlListsRelationsSchemasAndRoles() throws SQLException {
        String dt = """
                SELECT n.nspname as "Schema",
                  c.relname as "Name",
                  CASE c.relkind WHEN 'r' THEN 'table' WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' WHEN 'i' THEN 'index' WHEN 'S' THEN 'sequence' WHEN 't' THEN 'TOAST table' WHEN 'f' THEN 'foreign table' WHEN 'p' THEN 'partitioned table' WHEN 'I' THEN 'partitioned index' END as "Type",
                  pg_catalog.pg_get_userbyid(c.relowner) as "Owner"
                FROM pg_catalog.pg_class c
                     LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                     LEFT JOIN pg_catalog.pg_am am ON am.oid = c.relam
                WHERE c.relkind IN ('r','p','v','m','S','f','')
                      AND n.nspname <> 'pg_catalog'
                      AND n.nspname !~ '^pg_toast'
                      AND n.nspname <> 'information_schema'
                  AND pg_catalog.pg_table_is_visible(c.oid)
                ORDER BY 1,2;""";
        assertEquals(List.of("public|t1|table|blueshift", "public|v1|view|blueshift"), query(dt));
        exec("set search_path to s1, public");
        assertEquals(List.of("public|t1|table|blueshift", "public|v1|view|blueshift", "s1|t2|table|blueshift"), query(dt));

        assertEquals(List.of("public|blueshift", "s1|blueshift"), query("""
                SELECT n.nspname AS "Name",
                  pg_catalog.pg_get_userbyid(n.nspowner) AS "Owner"
                FROM pg_catalog.pg_namespace n
                WHERE n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
                ORDER BY 1;"""));
        assertEquals(List.of("blueshift|t|{}"), query("""
                SELECT r.rolname, r.rolsuper,
                  ARRAY(SELECT b.rolname
                        FROM pg_catalog.pg_auth_members m
                        JOIN pg_catalog.pg_roles b ON (m.roleid = b.oid)
                        WHERE m.member = r.oid) as memberof
                FROM pg_catalog.pg_roles r
                WHERE r.rolname !~ '^pg_'
                ORDER BY 1;"""));
    }

    @Test
    void psqlDescribesATable() throws SQLException {
        List<String> found = query("""
                SELECT c.oid,
                  n.nspname,
                  c.relname
                FROM pg_catalog.pg_class c
                     LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relname OPERATOR(pg_catalog.~) '^(t1)$' COLLATE pg_catalog.default
                  AND pg_catalog.pg_table_is_visible(c.oid)
                ORDER BY 2, 3;""");
        assertEquals(1, found.size());
        String oid = found.getFirst().split("\\|")[0];
        assertEquals(oid + "|public|t1", found.getFirst());
        assertEquals(List.of("r|t|heap"), query("""
                SELECT c.relkind, c.relhasindex, am.amname
                FROM pg_catalog.pg_class c
                 LEFT JOIN pg_catalog.pg_class tc ON (c.reltoastrelid = tc.oid)
                LEFT JOIN pg_catalog.pg_am am ON (c.relam = am.oid)
                WHERE c.oid = '%s';""".formatted(oid)));
        assertEquals(List.of("id|integer|null|t|null", "name|character varying(20)|null|t|null",
                "amount|numeric(10,2)|null|f|null", "ts|timestamp without time zone|null|f|null",
                "note|text|'x'|f|null"), query("""
                SELECT a.attname,
                  pg_catalog.format_type(a.atttypid, a.atttypmod),
                  (SELECT pg_catalog.pg_get_expr(d.adbin, d.adrelid, true)
                   FROM pg_catalog.pg_attrdef d
                   WHERE d.adrelid = a.attrelid AND d.adnum = a.attnum AND a.atthasdef),
                  a.attnotnull,
                  (SELECT c.collname FROM pg_catalog.pg_collation c, pg_catalog.pg_type t
                   WHERE c.oid = a.attcollation AND t.oid = a.atttypid AND a.attcollation <> t.typcollation) AS attcollation
                FROM pg_catalog.pg_attribute a
                WHERE a.attrelid = '%s' AND a.attnum > 0 AND NOT a.attisdropped
                ORDER BY a.attnum;""".formatted(oid)));
        assertEquals(List.of("t1_pkey|t|t|CREATE UNIQUE INDEX t1_pkey ON public.t1 USING btree (id)|PRIMARY KEY (id)|p"),
                query("""
                SELECT c2.relname, i.indisprimary, i.indisunique, pg_catalog.pg_get_indexdef(i.indexrelid, 0, true),
                  pg_catalog.pg_get_constraintdef(con.oid, true), contype
                FROM pg_catalog.pg_class c, pg_catalog.pg_class c2, pg_catalog.pg_index i
                  LEFT JOIN pg_catalog.pg_constraint con ON (conrelid = i.indrelid AND conindid = i.indexrelid AND contype IN ('p','u','x'))
                WHERE c.oid = '%s' AND c.oid = i.indrelid AND i.indexrelid = c2.oid
                ORDER BY i.indisprimary DESC, c2.relname;""".formatted(oid)));
        assertEquals(List.of(), query("""
                SELECT oid, stxrelid::pg_catalog.regclass, stxnamespace::pg_catalog.regnamespace::pg_catalog.text AS nsp, stxname,
                  'd' = any(stxkind) AS ndist_enabled
                FROM pg_catalog.pg_statistic_ext
                WHERE stxrelid = '%s'
                ORDER BY nsp, stxname;""".formatted(oid)));
    }

    @Test
    void pgJdbcDatabaseMetaData() throws SQLException {
        assertEquals(List.of("information_schema|blueshift", "pg_catalog|blueshift", "public|blueshift", "s1|blueshift"), query("""
                SELECT nspname AS "TABLE_SCHEM", current_database() AS "TABLE_CATALOG" FROM pg_catalog.pg_namespace  WHERE nspname <> 'pg_toast' AND (nspname !~ '^pg_temp_'  OR nspname = (pg_catalog.current_schemas(true))[1]) AND (nspname !~ '^pg_toast_temp_'  OR nspname = replace((pg_catalog.current_schemas(true))[1], 'pg_temp_', 'pg_toast_temp_'))  ORDER BY "TABLE_SCHEM\""""));
        assertEquals(List.of("public|t1|TABLE", "public|v1|VIEW"), query("""
                SELECT n.nspname AS "TABLE_SCHEM", c.relname AS "TABLE_NAME",  CASE n.nspname ~ '^pg_' OR n.nspname = 'information_schema'  WHEN true THEN CASE  WHEN n.nspname = 'pg_catalog' OR n.nspname = 'information_schema' THEN CASE c.relkind   WHEN 'r' THEN 'SYSTEM TABLE'   WHEN 'v' THEN 'SYSTEM VIEW'   WHEN 'i' THEN 'SYSTEM INDEX'   ELSE NULL   END  ELSE NULL END  WHEN false THEN CASE c.relkind  WHEN 'r' THEN 'TABLE'  WHEN 'p' THEN 'PARTITIONED TABLE'  WHEN 'i' THEN 'INDEX'  WHEN 'v' THEN 'VIEW'  ELSE NULL  END  ELSE NULL  END  AS "TABLE_TYPE"  FROM pg_catalog.pg_namespace n, pg_catalog.pg_class c  LEFT JOIN pg_catalog.pg_description d ON (c.oid = d.objoid AND d.objsubid = 0  and d.classoid = 'pg_class'::regclass)  WHERE c.relnamespace = n.oid  AND n.nspname LIKE 'public' AND c.relname LIKE '%' AND (false  OR ( c.relkind = 'r' AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema' )  OR ( c.relkind = 'v' AND n.nspname <> 'pg_catalog' AND n.nspname <> 'information_schema' ) )  ORDER BY "TABLE_TYPE","TABLE_SCHEM","TABLE_NAME\""""));
        assertEquals(List.of("t1|id|23|t|-1|1", "t1|name|1043|t|24|2", "t1|amount|1700|f|655366|3",
                "t1|ts|1114|f|-1|4", "t1|note|25|f|-1|5"), query("""
                SELECT * FROM (SELECT n.nspname,c.relname,a.attname,a.atttypid,a.attnotnull  OR (t.typtype = 'd' AND t.typnotnull) AS attnotnull,a.atttypmod,row_number() OVER (PARTITION BY a.attrelid ORDER BY a.attnum) AS attnum, nullif(a.attidentity, '') as attidentity,pg_catalog.pg_get_expr(def.adbin, def.adrelid) AS adsrc,dsc.description,t.typbasetype,t.typtype  FROM pg_catalog.pg_namespace n  JOIN pg_catalog.pg_class c ON (c.relnamespace = n.oid)  JOIN pg_catalog.pg_attribute a ON (a.attrelid=c.oid)  JOIN pg_catalog.pg_type t ON (a.atttypid = t.oid)  LEFT JOIN pg_catalog.pg_attrdef def ON (a.attrelid=def.adrelid AND a.attnum = def.adnum)  LEFT JOIN pg_catalog.pg_description dsc ON (c.oid=dsc.objoid AND a.attnum = dsc.objsubid)  LEFT JOIN pg_catalog.pg_class dc ON (dc.oid=dsc.classoid AND dc.relname='pg_class')  LEFT JOIN pg_catalog.pg_namespace dn ON (dc.relnamespace=dn.oid AND dn.nspname='pg_catalog')  WHERE c.relkind in ('r','p','v','f','m') and a.attnum > 0 AND NOT a.attisdropped  AND n.nspname LIKE 'public' AND c.relname LIKE 't1') c WHERE true  AND attname LIKE '%' ORDER BY nspname,c.relname,attnum"""
                .replace("SELECT * FROM (SELECT", "SELECT relname, attname, atttypid, attnotnull, atttypmod, attnum FROM (SELECT")));
        assertEquals(List.of("s1|t2|a|1|t2_pkey", "s1|t2|b|2|t2_pkey"), query("""
                SELECT        result.TABLE_SCHEM AS "TABLE_SCHEM",        result.TABLE_NAME AS "TABLE_NAME",        result.COLUMN_NAME AS "COLUMN_NAME",        result.KEY_SEQ AS "KEY_SEQ",        result.PK_NAME AS "PK_NAME"FROM      (SELECT current_database() AS TABLE_CAT, n.nspname AS TABLE_SCHEM,   ct.relname AS TABLE_NAME, a.attname AS COLUMN_NAME,   (information_schema._pg_expandarray(con.conkey)).n AS KEY_SEQ, con.conname AS PK_NAME,   information_schema._pg_expandarray(con.conkey) AS KEYS, a.attnum AS A_ATTNUM FROM pg_catalog.pg_constraint con   JOIN pg_catalog.pg_class ct ON (con.conrelid = ct.oid)   JOIN pg_catalog.pg_namespace n ON (ct.relnamespace = n.oid)   JOIN pg_catalog.pg_attribute a ON (a.attrelid = ct.oid) WHERE con.contype = 'p'  AND n.nspname = 's1' AND ct.relname = 't2' ) result where  result.A_ATTNUM = (result.KEYS).x  ORDER BY result.table_name, result.pk_name, result.key_seq"""));
        assertEquals(List.of("blueshift"), query(
                "SELECT datname AS \"TABLE_CAT\" FROM pg_catalog.pg_database WHERE datallowconn = true ORDER BY datname"));
        assertEquals(List.of("32"), query("SELECT setting FROM pg_catalog.pg_settings WHERE name='max_index_keys'"));
    }

    @Test
    void sqlAlchemyInspector() throws SQLException {
        assertTrue(query("select pg_catalog.version()").getFirst().matches("PostgreSQL 15\\.0 .*"));
        assertEquals(List.of("public"), query("select current_schema()"));
        String oid = query("""
                SELECT c.oid
                FROM pg_catalog.pg_class c
                LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                WHERE (pg_catalog.pg_table_is_visible(c.oid))
                AND c.relname = 't1' AND c.relkind in
                ('r', 'v', 'm', 'f', 'p')""").getFirst();
        assertEquals(List.of("id|integer|f", "name|character varying(20)|f", "amount|numeric(10,2)|t"), query("""
                SELECT a.attname,
                  pg_catalog.format_type(a.atttypid, a.atttypmod),
                  NOT a.attnotnull,
                  (SELECT json_build_object(
                      'always', a.attidentity = 'a',
                      'start', s.seqstart)
                  FROM pg_catalog.pg_sequence s
                  JOIN pg_catalog.pg_class c on s.seqrelid = c."oid"
                  WHERE c.relkind = 'S'
                  AND a.attidentity != ''
                  AND s.seqrelid = pg_catalog.pg_get_serial_sequence(
                      a.attrelid::regclass::text, a.attname
                  )::regclass::oid
                  ) as identity_options
                FROM pg_catalog.pg_attribute a
                LEFT JOIN pg_catalog.pg_description pgd ON (
                    pgd.objoid = a.attrelid AND pgd.objsubid = a.attnum)
                WHERE a.attrelid = %s
                AND a.attnum > 0 AND NOT a.attisdropped AND a.attnum < 4
                ORDER BY a.attnum""".formatted(oid)).stream().map(r -> r.substring(0, r.lastIndexOf('|'))).toList());
        assertEquals(List.of("id"), query("""
                SELECT a.attname
                FROM pg_attribute a JOIN (
                    SELECT unnest(ix.indkey) attnum,
                           generate_subscripts(ix.indkey, 1) ord
                    FROM pg_index ix
                    WHERE ix.indrelid = %s AND ix.indisprimary
                    ) k ON a.attnum=k.attnum
                WHERE a.attrelid = %s
                ORDER BY k.ord""".formatted(oid, oid)));
        assertEquals(List.of("t1_pkey"), query(
                "SELECT conname FROM pg_catalog.pg_constraint r WHERE r.conrelid = %s AND r.contype = 'p' ORDER BY 1".formatted(oid)));
    }

    @Test
    void castsToRegclassAndArrays() throws SQLException {
        assertEquals(List.of("t1|s1.t2|t"), query(
                "select 't1'::regclass::oid::regclass, 's1.t2'::regclass::regclass, 'pg_class'::regclass = 'pg_catalog.pg_class'::regclass"));
        sqlError("42P01", () -> query("select 'nope'::regclass"));
        assertEquals(List.of("integer|character varying"), query("select 'int4'::regtype::regtype, 1043::regtype"));
        assertEquals(List.of("t|f|a,b|2"), query(
                "select 2 = any('{1,2}'), 3 = any(array[1, 2]), array_to_string(array['a', 'b'], ','), array_upper('{x,y}', 1)"));
        assertEquals(List.of("1|2|3"), query("select string_agg(s::text, '|') from generate_series(1, 3) s"));
    }
}
