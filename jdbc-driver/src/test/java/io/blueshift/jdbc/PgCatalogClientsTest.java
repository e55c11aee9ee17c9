package io.blueshift.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The metadata SQL real Postgres clients send, verbatim as a PostgreSQL 15 server logged it (psql
 * 15's {@code \dt}, {@code \d t1}, {@code \d+} of a table and a view, {@code \df}, {@code \dv},
 * {@code \dn+}, {@code \l+}, {@code \dt+}, {@code \di}, {@code \dp}, {@code \du}; pgJDBC 42.7's DatabaseMetaData; SQLAlchemy 1.4's inspector; DBeaver's,
 * Metabase's and the Redshift JDBC driver's metadata SQL), answered from Blueshift's catalog. Where psql and the drivers put
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
        assertEquals(List.of("r|t|heap"), query(String.format(Locale.ROOT, """
                SELECT c.relkind, c.relhasindex, am.amname
                FROM pg_catalog.pg_class c
                 LEFT JOIN pg_catalog.pg_class tc ON (c.reltoastrelid = tc.oid)
                LEFT JOIN pg_catalog.pg_am am ON (c.relam = am.oid)
                WHERE c.oid = '%s';""", oid)));
        assertEquals(List.of("id|integer|null|t|null", "name|character varying(20)|null|t|null",
                "amount|numeric(10,2)|null|f|null", "ts|timestamp without time zone|null|f|null",
                "note|text|'x'|f|null"), query(String.format(Locale.ROOT, """
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
                ORDER BY a.attnum;""", oid)));
        assertEquals(List.of("t1_pkey|t|t|CREATE UNIQUE INDEX t1_pkey ON public.t1 USING btree (id)|PRIMARY KEY (id)|p"),
                query(String.format(Locale.ROOT, """
                SELECT c2.relname, i.indisprimary, i.indisunique, pg_catalog.pg_get_indexdef(i.indexrelid, 0, true),
                  pg_catalog.pg_get_constraintdef(con.oid, true), contype
                FROM pg_catalog.pg_class c, pg_catalog.pg_class c2, pg_catalog.pg_index i
                  LEFT JOIN pg_catalog.pg_constraint con ON (conrelid = i.indrelid AND conindid = i.indexrelid AND contype IN ('p','u','x'))
                WHERE c.oid = '%s' AND c.oid = i.indrelid AND i.indexrelid = c2.oid
                ORDER BY i.indisprimary DESC, c2.relname;""", oid)));
        assertEquals(List.of(), query(String.format(Locale.ROOT, """
                SELECT oid, stxrelid::pg_catalog.regclass, stxnamespace::pg_catalog.regnamespace::pg_catalog.text AS nsp, stxname,
                  'd' = any(stxkind) AS ndist_enabled
                FROM pg_catalog.pg_statistic_ext
                WHERE stxrelid = '%s'
                ORDER BY nsp, stxname;""", oid)));
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
        assertEquals(List.of("id|integer|f", "name|character varying(20)|f", "amount|numeric(10,2)|t"), query(String.format(Locale.ROOT, """
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
                ORDER BY a.attnum""", oid)).stream().map(r -> r.substring(0, r.lastIndexOf('|'))).toList());
        assertEquals(List.of("id"), query(String.format(Locale.ROOT, """
                SELECT a.attname
                FROM pg_attribute a JOIN (
                    SELECT unnest(ix.indkey) attnum,
                           generate_subscripts(ix.indkey, 1) ord
                    FROM pg_index ix
                    WHERE ix.indrelid = %s AND ix.indisprimary
                    ) k ON a.attnum=k.attnum
                WHERE a.attrelid = %s
                ORDER BY k.ord""", oid, oid)));
        assertEquals(List.of("t1_pkey"), query(
                String.format(Locale.ROOT, "SELECT conname FROM pg_catalog.pg_constraint r WHERE r.conrelid = %s AND r.contype = 'p' ORDER BY 1", oid)));
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

    // psql 15's describe commands, each statement as PostgreSQL 15 logged it for "\d t", "\d+ t",
    // "\df", "\dv", "\dn+", "\l+", "\dt+" and "\du" (psql -E); psql puts the OID it reads with the
    // first statement of \d into the later ones, where the capture has 16384.
    private static final List<String> PSQL_DESCRIBE = List.of(
            """
            SELECT c.oid,
              n.nspname,
              c.relname
            FROM pg_catalog.pg_class c
                 LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relname OPERATOR(pg_catalog.~) '^(t)$' COLLATE pg_catalog.default
              AND pg_catalog.pg_table_is_visible(c.oid)
            ORDER BY 2, 3;""",
            """
            SELECT c.relchecks, c.relkind, c.relhasindex, c.relhasrules, c.relhastriggers, c.relrowsecurity, c.relforcerowsecurity, false AS relhasoids, c.relispartition, '', c.reltablespace, CASE WHEN c.reloftype = 0 THEN '' ELSE c.reloftype::pg_catalog.regtype::pg_catalog.text END, c.relpersistence, c.relreplident, am.amname
            FROM pg_catalog.pg_class c
             LEFT JOIN pg_catalog.pg_class tc ON (c.reltoastrelid = tc.oid)
            LEFT JOIN pg_catalog.pg_am am ON (c.relam = am.oid)
            WHERE c.oid = '16384';""",
            """
            SELECT a.attname,
              pg_catalog.format_type(a.atttypid, a.atttypmod),
              (SELECT pg_catalog.pg_get_expr(d.adbin, d.adrelid, true)
               FROM pg_catalog.pg_attrdef d
               WHERE d.adrelid = a.attrelid AND d.adnum = a.attnum AND a.atthasdef),
              a.attnotnull,
              (SELECT c.collname FROM pg_catalog.pg_collation c, pg_catalog.pg_type t
               WHERE c.oid = a.attcollation AND t.oid = a.atttypid AND a.attcollation <> t.typcollation) AS attcollation,
              a.attidentity,
              a.attgenerated
            FROM pg_catalog.pg_attribute a
            WHERE a.attrelid = '16384' AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY a.attnum;""",
            """
            SELECT c2.relname, i.indisprimary, i.indisunique, i.indisclustered, i.indisvalid, pg_catalog.pg_get_indexdef(i.indexrelid, 0, true),
              pg_catalog.pg_get_constraintdef(con.oid, true), contype, condeferrable, condeferred, i.indisreplident, c2.reltablespace
            FROM pg_catalog.pg_class c, pg_catalog.pg_class c2, pg_catalog.pg_index i
              LEFT JOIN pg_catalog.pg_constraint con ON (conrelid = i.indrelid AND conindid = i.indexrelid AND contype IN ('p','u','x'))
            WHERE c.oid = '16384' AND c.oid = i.indrelid AND i.indexrelid = c2.oid
            ORDER BY i.indisprimary DESC, c2.relname;""",
            """
            SELECT pol.polname, pol.polpermissive,
              CASE WHEN pol.polroles = '{0}' THEN NULL ELSE pg_catalog.array_to_string(array(select rolname from pg_catalog.pg_roles where oid = any (pol.polroles) order by 1),',') END,
              pg_catalog.pg_get_expr(pol.polqual, pol.polrelid),
              pg_catalog.pg_get_expr(pol.polwithcheck, pol.polrelid),
              CASE pol.polcmd
                WHEN 'r' THEN 'SELECT'
                WHEN 'a' THEN 'INSERT'
                WHEN 'w' THEN 'UPDATE'
                WHEN 'd' THEN 'DELETE'
                END AS cmd
            FROM pg_catalog.pg_policy pol
            WHERE pol.polrelid = '16384' ORDER BY 1;""",
            """
            SELECT oid, stxrelid::pg_catalog.regclass, stxnamespace::pg_catalog.regnamespace::pg_catalog.text AS nsp, stxname,
            pg_catalog.pg_get_statisticsobjdef_columns(oid) AS columns,
              'd' = any(stxkind) AS ndist_enabled,
              'f' = any(stxkind) AS deps_enabled,
              'm' = any(stxkind) AS mcv_enabled,
            stxstattarget
            FROM pg_catalog.pg_statistic_ext
            WHERE stxrelid = '16384'
            ORDER BY nsp, stxname;""",
            """
            SELECT pubname
                 , NULL
                 , NULL
            FROM pg_catalog.pg_publication p
                 JOIN pg_catalog.pg_publication_namespace pn ON p.oid = pn.pnpubid
                 JOIN pg_catalog.pg_class pc ON pc.relnamespace = pn.pnnspid
            WHERE pc.oid ='16384' and pg_catalog.pg_relation_is_publishable('16384')
            UNION
            SELECT pubname
                 , pg_get_expr(pr.prqual, c.oid)
                 , (CASE WHEN pr.prattrs IS NOT NULL THEN
                     (SELECT string_agg(attname, ', ')
                       FROM pg_catalog.generate_series(0, pg_catalog.array_upper(pr.prattrs::pg_catalog.int2[], 1)) s,
                            pg_catalog.pg_attribute
                      WHERE attrelid = pr.prrelid AND attnum = prattrs[s])
                    ELSE NULL END) FROM pg_catalog.pg_publication p
                 JOIN pg_catalog.pg_publication_rel pr ON p.oid = pr.prpubid
                 JOIN pg_catalog.pg_class c ON c.oid = pr.prrelid
            WHERE pr.prrelid = '16384'
            UNION
            SELECT pubname
                 , NULL
                 , NULL
            FROM pg_catalog.pg_publication p
            WHERE p.puballtables AND pg_catalog.pg_relation_is_publishable('16384')
            ORDER BY 1;""",
            """
            SELECT c.oid::pg_catalog.regclass
            FROM pg_catalog.pg_class c, pg_catalog.pg_inherits i
            WHERE c.oid = i.inhparent AND i.inhrelid = '16384'
              AND c.relkind != 'p' AND c.relkind != 'I'
            ORDER BY inhseqno;""",
            """
            SELECT c.oid::pg_catalog.regclass, c.relkind, inhdetachpending, pg_catalog.pg_get_expr(c.relpartbound, c.oid)
            FROM pg_catalog.pg_class c, pg_catalog.pg_inherits i
            WHERE c.oid = i.inhrelid AND i.inhparent = '16384'
            ORDER BY pg_catalog.pg_get_expr(c.relpartbound, c.oid) = 'DEFAULT', c.oid::pg_catalog.regclass::pg_catalog.text;""");

    private static final List<String> PSQL_DESCRIBE_PLUS = List.of(
            """
            SELECT c.oid,
              n.nspname,
              c.relname
            FROM pg_catalog.pg_class c
                 LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relname OPERATOR(pg_catalog.~) '^(t)$' COLLATE pg_catalog.default
              AND pg_catalog.pg_table_is_visible(c.oid)
            ORDER BY 2, 3;""",
            """
            SELECT c.relchecks, c.relkind, c.relhasindex, c.relhasrules, c.relhastriggers, c.relrowsecurity, c.relforcerowsecurity, false AS relhasoids, c.relispartition, pg_catalog.array_to_string(c.reloptions || array(select 'toast.' || x from pg_catalog.unnest(tc.reloptions) x), ', ')
            , c.reltablespace, CASE WHEN c.reloftype = 0 THEN '' ELSE c.reloftype::pg_catalog.regtype::pg_catalog.text END, c.relpersistence, c.relreplident, am.amname
            FROM pg_catalog.pg_class c
             LEFT JOIN pg_catalog.pg_class tc ON (c.reltoastrelid = tc.oid)
            LEFT JOIN pg_catalog.pg_am am ON (c.relam = am.oid)
            WHERE c.oid = '16384';""",
            """
            SELECT a.attname,
              pg_catalog.format_type(a.atttypid, a.atttypmod),
              (SELECT pg_catalog.pg_get_expr(d.adbin, d.adrelid, true)
               FROM pg_catalog.pg_attrdef d
               WHERE d.adrelid = a.attrelid AND d.adnum = a.attnum AND a.atthasdef),
              a.attnotnull,
              (SELECT c.collname FROM pg_catalog.pg_collation c, pg_catalog.pg_type t
               WHERE c.oid = a.attcollation AND t.oid = a.atttypid AND a.attcollation <> t.typcollation) AS attcollation,
              a.attidentity,
              a.attgenerated,
              a.attstorage,
              a.attcompression AS attcompression,
              CASE WHEN a.attstattarget=-1 THEN NULL ELSE a.attstattarget END AS attstattarget,
              pg_catalog.col_description(a.attrelid, a.attnum)
            FROM pg_catalog.pg_attribute a
            WHERE a.attrelid = '16384' AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY a.attnum;""",
            """
            SELECT c2.relname, i.indisprimary, i.indisunique, i.indisclustered, i.indisvalid, pg_catalog.pg_get_indexdef(i.indexrelid, 0, true),
              pg_catalog.pg_get_constraintdef(con.oid, true), contype, condeferrable, condeferred, i.indisreplident, c2.reltablespace
            FROM pg_catalog.pg_class c, pg_catalog.pg_class c2, pg_catalog.pg_index i
              LEFT JOIN pg_catalog.pg_constraint con ON (conrelid = i.indrelid AND conindid = i.indexrelid AND contype IN ('p','u','x'))
            WHERE c.oid = '16384' AND c.oid = i.indrelid AND i.indexrelid = c2.oid
            ORDER BY i.indisprimary DESC, c2.relname;""",
            """
            SELECT pol.polname, pol.polpermissive,
              CASE WHEN pol.polroles = '{0}' THEN NULL ELSE pg_catalog.array_to_string(array(select rolname from pg_catalog.pg_roles where oid = any (pol.polroles) order by 1),',') END,
              pg_catalog.pg_get_expr(pol.polqual, pol.polrelid),
              pg_catalog.pg_get_expr(pol.polwithcheck, pol.polrelid),
              CASE pol.polcmd
                WHEN 'r' THEN 'SELECT'
                WHEN 'a' THEN 'INSERT'
                WHEN 'w' THEN 'UPDATE'
                WHEN 'd' THEN 'DELETE'
                END AS cmd
            FROM pg_catalog.pg_policy pol
            WHERE pol.polrelid = '16384' ORDER BY 1;""",
            """
            SELECT oid, stxrelid::pg_catalog.regclass, stxnamespace::pg_catalog.regnamespace::pg_catalog.text AS nsp, stxname,
            pg_catalog.pg_get_statisticsobjdef_columns(oid) AS columns,
              'd' = any(stxkind) AS ndist_enabled,
              'f' = any(stxkind) AS deps_enabled,
              'm' = any(stxkind) AS mcv_enabled,
            stxstattarget
            FROM pg_catalog.pg_statistic_ext
            WHERE stxrelid = '16384'
            ORDER BY nsp, stxname;""",
            """
            SELECT pubname
                 , NULL
                 , NULL
            FROM pg_catalog.pg_publication p
                 JOIN pg_catalog.pg_publication_namespace pn ON p.oid = pn.pnpubid
                 JOIN pg_catalog.pg_class pc ON pc.relnamespace = pn.pnnspid
            WHERE pc.oid ='16384' and pg_catalog.pg_relation_is_publishable('16384')
            UNION
            SELECT pubname
                 , pg_get_expr(pr.prqual, c.oid)
                 , (CASE WHEN pr.prattrs IS NOT NULL THEN
                     (SELECT string_agg(attname, ', ')
                       FROM pg_catalog.generate_series(0, pg_catalog.array_upper(pr.prattrs::pg_catalog.int2[], 1)) s,
                            pg_catalog.pg_attribute
                      WHERE attrelid = pr.prrelid AND attnum = prattrs[s])
                    ELSE NULL END) FROM pg_catalog.pg_publication p
                 JOIN pg_catalog.pg_publication_rel pr ON p.oid = pr.prpubid
                 JOIN pg_catalog.pg_class c ON c.oid = pr.prrelid
            WHERE pr.prrelid = '16384'
            UNION
            SELECT pubname
                 , NULL
                 , NULL
            FROM pg_catalog.pg_publication p
            WHERE p.puballtables AND pg_catalog.pg_relation_is_publishable('16384')
            ORDER BY 1;""",
            """
            SELECT c.oid::pg_catalog.regclass
            FROM pg_catalog.pg_class c, pg_catalog.pg_inherits i
            WHERE c.oid = i.inhparent AND i.inhrelid = '16384'
              AND c.relkind != 'p' AND c.relkind != 'I'
            ORDER BY inhseqno;""",
            """
            SELECT c.oid::pg_catalog.regclass, c.relkind, inhdetachpending, pg_catalog.pg_get_expr(c.relpartbound, c.oid)
            FROM pg_catalog.pg_class c, pg_catalog.pg_inherits i
            WHERE c.oid = i.inhrelid AND i.inhparent = '16384'
            ORDER BY pg_catalog.pg_get_expr(c.relpartbound, c.oid) = 'DEFAULT', c.oid::pg_catalog.regclass::pg_catalog.text;""");

    private static final String PSQL_LIST_FUNCTIONS = """
            SELECT n.nspname as "Schema",
              p.proname as "Name",
              pg_catalog.pg_get_function_result(p.oid) as "Result data type",
              pg_catalog.pg_get_function_arguments(p.oid) as "Argument data types",
             CASE p.prokind
              WHEN 'a' THEN 'agg'
              WHEN 'w' THEN 'window'
              WHEN 'p' THEN 'proc'
              ELSE 'func'
             END as "Type"
            FROM pg_catalog.pg_proc p
                 LEFT JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
            WHERE pg_catalog.pg_function_is_visible(p.oid)
                  AND n.nspname <> 'pg_catalog'
                  AND n.nspname <> 'information_schema'
            ORDER BY 1, 2, 4;""";

    private static final String PSQL_LIST_VIEWS = """
            SELECT n.nspname as "Schema",
              c.relname as "Name",
              CASE c.relkind WHEN 'r' THEN 'table' WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' WHEN 'i' THEN 'index' WHEN 'S' THEN 'sequence' WHEN 't' THEN 'TOAST table' WHEN 'f' THEN 'foreign table' WHEN 'p' THEN 'partitioned table' WHEN 'I' THEN 'partitioned index' END as "Type",
              pg_catalog.pg_get_userbyid(c.relowner) as "Owner"
            FROM pg_catalog.pg_class c
                 LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('v','')
                  AND n.nspname <> 'pg_catalog'
                  AND n.nspname !~ '^pg_toast'
                  AND n.nspname <> 'information_schema'
              AND pg_catalog.pg_table_is_visible(c.oid)
            ORDER BY 1,2;""";

    private static final String PSQL_LIST_SCHEMAS_PLUS = """
            SELECT n.nspname AS "Name",
              pg_catalog.pg_get_userbyid(n.nspowner) AS "Owner",
              pg_catalog.array_to_string(n.nspacl, E'\\n') AS "Access privileges",
              pg_catalog.obj_description(n.oid, 'pg_namespace') AS "Description"
            FROM pg_catalog.pg_namespace n
            WHERE n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
            ORDER BY 1;""";

    private static final String PSQL_LIST_DATABASES_PLUS = """
            SELECT d.datname as "Name",
                   pg_catalog.pg_get_userbyid(d.datdba) as "Owner",
                   pg_catalog.pg_encoding_to_char(d.encoding) as "Encoding",
                   d.datcollate as "Collate",
                   d.datctype as "Ctype",
                   d.daticulocale as "ICU Locale",
                   CASE d.datlocprovider WHEN 'c' THEN 'libc' WHEN 'i' THEN 'icu' END AS "Locale Provider",
                   pg_catalog.array_to_string(d.datacl, E'\\n') AS "Access privileges",
                   CASE WHEN pg_catalog.has_database_privilege(d.datname, 'CONNECT')
                        THEN pg_catalog.pg_size_pretty(pg_catalog.pg_database_size(d.datname))
                        ELSE 'No Access'
                   END as "Size",
                   t.spcname as "Tablespace",
                   pg_catalog.shobj_description(d.oid, 'pg_database') as "Description"
            FROM pg_catalog.pg_database d
              JOIN pg_catalog.pg_tablespace t on d.dattablespace = t.oid
            ORDER BY 1;""";

    private static final String PSQL_LIST_TABLES_PLUS = """
            SELECT n.nspname as "Schema",
              c.relname as "Name",
              CASE c.relkind WHEN 'r' THEN 'table' WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' WHEN 'i' THEN 'index' WHEN 'S' THEN 'sequence' WHEN 't' THEN 'TOAST table' WHEN 'f' THEN 'foreign table' WHEN 'p' THEN 'partitioned table' WHEN 'I' THEN 'partitioned index' END as "Type",
              pg_catalog.pg_get_userbyid(c.relowner) as "Owner",
              CASE c.relpersistence WHEN 'p' THEN 'permanent' WHEN 't' THEN 'temporary' WHEN 'u' THEN 'unlogged' END as "Persistence",
              am.amname as "Access method",
              pg_catalog.pg_size_pretty(pg_catalog.pg_table_size(c.oid)) as "Size",
              pg_catalog.obj_description(c.oid, 'pg_class') as "Description"
            FROM pg_catalog.pg_class c
                 LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                 LEFT JOIN pg_catalog.pg_am am ON am.oid = c.relam
            WHERE c.relkind IN ('r','p','')
                  AND n.nspname <> 'pg_catalog'
                  AND n.nspname !~ '^pg_toast'
                  AND n.nspname <> 'information_schema'
              AND pg_catalog.pg_table_is_visible(c.oid)
            ORDER BY 1,2;""";

    private static final String PSQL_LIST_ROLES = """
            SELECT r.rolname, r.rolsuper, r.rolinherit,
              r.rolcreaterole, r.rolcreatedb, r.rolcanlogin,
              r.rolconnlimit, r.rolvaliduntil,
              ARRAY(SELECT b.rolname
                    FROM pg_catalog.pg_auth_members m
                    JOIN pg_catalog.pg_roles b ON (m.roleid = b.oid)
                    WHERE m.member = r.oid) as memberof
            , r.rolreplication
            , r.rolbypassrls
            FROM pg_catalog.pg_roles r
            WHERE r.rolname !~ '^pg_'
            ORDER BY 1;""";

    /** Each statement after the first with psql's captured OID replaced by {@code oid}. */
    private List<List<String>> describe(List<String> statements, String oid) throws SQLException {
        List<List<String>> results = new ArrayList<>();
        for (String sql : statements.subList(1, statements.size())) {
            results.add(query(sql.replace("'16384'", "'" + oid + "'")));
        }
        return results;
    }

    @Test
    void psqlDescribeAndDescribePlus() throws SQLException {
        exec("create table t(id integer primary key, name varchar(20))");
        List<String> found = query(PSQL_DESCRIBE.getFirst());
        assertEquals(1, found.size(), found.toString());
        String oid = found.getFirst().split("\\|")[0];
        assertEquals(List.of(oid + "|public|t"), found);
        assertEquals(found, query(PSQL_DESCRIBE_PLUS.getFirst()));

        String index = "t_pkey|t|t|f|t|CREATE UNIQUE INDEX t_pkey ON public.t USING btree (id)|PRIMARY KEY (id)|p|f|f|f|0";
        // relation, columns, indexes, policies, statistics, publications, parents, partitions
        assertEquals(List.of(
                List.of("0|r|t|f|f|f|f|f|f||0||p|d|heap"),
                List.of("id|integer|null|t|null||", "name|character varying(20)|null|f|null||"),
                List.of(index), List.of(), List.of(), List.of(), List.of(), List.of()), describe(PSQL_DESCRIBE, oid));
        // \d+ adds the options (none, also of the TOAST table, read with unnest), storage and descriptions
        assertEquals(List.of(
                List.of("0|r|t|f|f|f|f|f|f||0||p|d|heap"),
                List.of("id|integer|null|t|null|||p||null|null", "name|character varying(20)|null|f|null|||x||null|null"),
                List.of(index), List.of(), List.of(), List.of(), List.of(), List.of()), describe(PSQL_DESCRIBE_PLUS, oid));
    }

    @Test
    void psqlPublicationsOfATableNameTheirColumnsAsPostgresDoes() throws SQLException {
        String oid = query("select 't1'::regclass::oid").getFirst();
        String publications = PSQL_DESCRIBE.get(6).replace("'16384'", "'" + oid + "'");
        assertTrue(publications.contains("UNION") && publications.endsWith("ORDER BY 1;"), publications);
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery(publications)) {
            ResultSetMetaData md = rs.getMetaData();
            assertEquals(List.of("pubname", "?column?", "?column?"),
                    List.of(md.getColumnLabel(1), md.getColumnLabel(2), md.getColumnLabel(3)));
            assertEquals(List.of(), rows(rs));
        }
    }

    @Test
    void psqlListsFunctionsViewsSchemasDatabasesTablesAndRoles() throws SQLException {
        // Blueshift has no user-defined functions; \df lists none
        assertEquals(List.of(), query(PSQL_LIST_FUNCTIONS));
        assertEquals(List.of("public|v1|view|blueshift"), query(PSQL_LIST_VIEWS));
        assertEquals(List.of("public|blueshift|null|null", "s1|blueshift|null|null"), query(PSQL_LIST_SCHEMAS_PLUS));
        List<String> databases = query(PSQL_LIST_DATABASES_PLUS);
        assertEquals(1, databases.size(), databases.toString());
        assertTrue(databases.getFirst().matches(
                "blueshift\\|blueshift\\|UTF8\\|C\\.UTF-8\\|C\\.UTF-8\\|null\\|libc\\|null\\|\\d+ (bytes|kB|MB|GB)\\|pg_default\\|null"),
                databases.toString());
        // the tables are empty, as psql shows them in PostgreSQL
        assertEquals(List.of("public|t1|table|blueshift|permanent|heap|0 bytes|null"), query(PSQL_LIST_TABLES_PLUS));
        exec("set search_path to s1, public");
        assertEquals(List.of("public|t1|table|blueshift|permanent|heap|0 bytes|null",
                "s1|t2|table|blueshift|permanent|heap|0 bytes|null"), query(PSQL_LIST_TABLES_PLUS));
        assertEquals(List.of("blueshift|t|t|t|t|t|-1|null|{}|f|t"), query(PSQL_LIST_ROLES));
    }

    @Test
    void biToolsMetadataStatements() throws SQLException {
        String publicOid = query("select 'public'::regnamespace::oid").getFirst();
        // DBeaver's table list, with partition keys
        assertEquals(List.of("t1|null|null|null", "v1|null|null|null"), query(
                "SELECT c.relname,d.description,pg_catalog.pg_get_expr(c.relpartbound, c.oid)"
                + " as partition_expr,  pg_catalog.pg_get_partkeydef(c.oid) as partition_key \n"
                + "FROM pg_catalog.pg_class c\n"
                + "LEFT OUTER JOIN pg_catalog.pg_description d ON d.objoid=c.oid AND d.objsubid=0 AND d.classoid='pg_class'::regclass\n"
                + "WHERE c.relnamespace=" + publicOid + " AND c.relkind not in ('i','I','c') ORDER BY 1"));
        // Metabase's table privileges: reserved words as column aliases (as table, as select ...)
        assertEquals(List.of("null|public|t1|t|t|t|t", "null|public|v1|t|t|t|t", "null|s1|t2|t|t|t|t"), query(String.join("\n",
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
                "from table_privileges t order by 2, 3")));
        // Metabase's column types and comments: format() with %s and %I, a cast of its text to regclass
        assertEquals(List.of("id|int4|null", "name|varchar|null"), query(
                "SELECT \"c\".\"column_name\" AS \"name\", CASE WHEN \"c\".\"udt_schema\" IN ('public', 'pg_catalog')"
                + " THEN FORMAT('%s', \"c\".\"udt_name\") ELSE FORMAT('\"%s\".\"%s\"', \"c\".\"udt_schema\", \"c\".\"udt_name\") END AS \"database-type\","
                + " COL_DESCRIPTION(CAST(CAST(FORMAT('%I.%I', CAST(\"c\".\"table_schema\" AS TEXT), CAST(\"c\".\"table_name\" AS TEXT)) AS REGCLASS) AS OID),"
                + " \"c\".\"ordinal_position\") AS \"field-comment\""
                + " FROM \"information_schema\".\"columns\" AS \"c\" WHERE \"c\".\"table_name\" = 'v1' ORDER BY \"c\".\"ordinal_position\""));
        assertEquals(List.of("f|t|t|null"), query(
                "select pg_is_in_recovery(), txid_current() > 0, pg_postmaster_start_time() <= now(), inet_server_addr()"));
    }

    @Test
    void redshiftJdbcLateBindingViewColumns() throws SQLException {
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery(
                "select * from pg_get_late_binding_view_cols() cols(view_schema name, view_name name, col_name name, col_type varchar, col_num int)")) {
            ResultSetMetaData md = rs.getMetaData();
            assertEquals(5, md.getColumnCount());
            assertEquals(List.of("view_schema", "view_name", "col_name", "col_type", "col_num"), List.of(md.getColumnLabel(1),
                    md.getColumnLabel(2), md.getColumnLabel(3), md.getColumnLabel(4), md.getColumnLabel(5)));
            assertEquals(List.of(), rows(rs));
        }
    }
    private static final List<String> PSQL_DESCRIBE_VIEW_PLUS = List.of(
            """
            SELECT c.oid,
              n.nspname,
              c.relname
            FROM pg_catalog.pg_class c
                 LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relname OPERATOR(pg_catalog.~) '^(v1)$' COLLATE pg_catalog.default
              AND pg_catalog.pg_table_is_visible(c.oid)
            ORDER BY 2, 3;""",
            """
            SELECT c.relchecks, c.relkind, c.relhasindex, c.relhasrules, c.relhastriggers, c.relrowsecurity, c.relforcerowsecurity, false AS relhasoids, c.relispartition, pg_catalog.array_to_string(c.reloptions || array(select 'toast.' || x from pg_catalog.unnest(tc.reloptions) x), ', ')
            , c.reltablespace, CASE WHEN c.reloftype = 0 THEN '' ELSE c.reloftype::pg_catalog.regtype::pg_catalog.text END, c.relpersistence, c.relreplident, am.amname
            FROM pg_catalog.pg_class c
             LEFT JOIN pg_catalog.pg_class tc ON (c.reltoastrelid = tc.oid)
            LEFT JOIN pg_catalog.pg_am am ON (c.relam = am.oid)
            WHERE c.oid = '16384';""",
            """
            SELECT a.attname,
              pg_catalog.format_type(a.atttypid, a.atttypmod),
              (SELECT pg_catalog.pg_get_expr(d.adbin, d.adrelid, true)
               FROM pg_catalog.pg_attrdef d
               WHERE d.adrelid = a.attrelid AND d.adnum = a.attnum AND a.atthasdef),
              a.attnotnull,
              (SELECT c.collname FROM pg_catalog.pg_collation c, pg_catalog.pg_type t
               WHERE c.oid = a.attcollation AND t.oid = a.atttypid AND a.attcollation <> t.typcollation) AS attcollation,
              a.attidentity,
              a.attgenerated,
              a.attstorage,
              pg_catalog.col_description(a.attrelid, a.attnum)
            FROM pg_catalog.pg_attribute a
            WHERE a.attrelid = '16384' AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY a.attnum;""",
            """
            SELECT pg_catalog.pg_get_viewdef('16384'::pg_catalog.oid, true);""",
            """
            SELECT r.rulename, trim(trailing ';' from pg_catalog.pg_get_ruledef(r.oid, true))
            FROM pg_catalog.pg_rewrite r
            WHERE r.ev_class = '16384' AND r.rulename != '_RETURN' ORDER BY 1;""");

    private static final String PSQL_LIST_INDEXES = """
            SELECT n.nspname as "Schema",
              c.relname as "Name",
              CASE c.relkind WHEN 'r' THEN 'table' WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' WHEN 'i' THEN 'index' WHEN 'S' THEN 'sequence' WHEN 't' THEN 'TOAST table' WHEN 'f' THEN 'foreign table' WHEN 'p' THEN 'partitioned table' WHEN 'I' THEN 'partitioned index' END as "Type",
              pg_catalog.pg_get_userbyid(c.relowner) as "Owner",
              c2.relname as "Table"
            FROM pg_catalog.pg_class c
                 LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                 LEFT JOIN pg_catalog.pg_am am ON am.oid = c.relam
                 LEFT JOIN pg_catalog.pg_index i ON i.indexrelid = c.oid
                 LEFT JOIN pg_catalog.pg_class c2 ON i.indrelid = c2.oid
            WHERE c.relkind IN ('i','I','')
                  AND n.nspname <> 'pg_catalog'
                  AND n.nspname !~ '^pg_toast'
                  AND n.nspname <> 'information_schema'
              AND pg_catalog.pg_table_is_visible(c.oid)
            ORDER BY 1,2;""";

    private static final String PSQL_LIST_PRIVILEGES = """
            SELECT n.nspname as "Schema",
              c.relname as "Name",
              CASE c.relkind WHEN 'r' THEN 'table' WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' WHEN 'S' THEN 'sequence' WHEN 'f' THEN 'foreign table' WHEN 'p' THEN 'partitioned table' END as "Type",
              pg_catalog.array_to_string(c.relacl, E'\\n') AS "Access privileges",
              pg_catalog.array_to_string(ARRAY(
                SELECT attname || E':\\n  ' || pg_catalog.array_to_string(attacl, E'\\n  ')
                FROM pg_catalog.pg_attribute a
                WHERE attrelid = c.oid AND NOT attisdropped AND attacl IS NOT NULL
              ), E'\\n') AS "Column privileges",
              pg_catalog.array_to_string(ARRAY(
                SELECT polname
                || CASE WHEN NOT polpermissive THEN
                   E' (RESTRICTIVE)'
                   ELSE '' END
                || CASE WHEN polcmd != '*' THEN
                       E' (' || polcmd::pg_catalog.text || E'):'
                   ELSE E':'
                   END
                || CASE WHEN polqual IS NOT NULL THEN
                       E'\\n  (u): ' || pg_catalog.pg_get_expr(polqual, polrelid)
                   ELSE E''
                   END
                || CASE WHEN polwithcheck IS NOT NULL THEN
                       E'\\n  (c): ' || pg_catalog.pg_get_expr(polwithcheck, polrelid)
                   ELSE E''
                   END    || CASE WHEN polroles <> '{0}' THEN
                       E'\\n  to: ' || pg_catalog.array_to_string(
                           ARRAY(
                               SELECT rolname
                               FROM pg_catalog.pg_roles
                               WHERE oid = ANY (polroles)
                               ORDER BY 1
                           ), E', ')
                   ELSE E''
                   END
                FROM pg_catalog.pg_policy pol
                WHERE polrelid = c.oid), E'\\n')
                AS "Policies"
            FROM pg_catalog.pg_class c
                 LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r','v','m','S','f','p')
              AND n.nspname !~ '^pg_' AND pg_catalog.pg_table_is_visible(c.oid)
            ORDER BY 1, 2;""";

    @Test
    void psqlDescribesAViewAndListsIndexesAndPrivileges() throws SQLException {
        List<String> found = query(PSQL_DESCRIBE_VIEW_PLUS.getFirst());
        assertEquals(1, found.size(), found.toString());
        String oid = found.getFirst().split("\\|")[0];
        // relation, columns (a view's are never NOT NULL), definition, rules
        assertEquals(List.of(
                List.of("0|v|f|t|f|f|f|f|f||0||p|n|null"),
                List.of("id|integer|null|f|null|||p|null", "name|character varying(20)|null|f|null|||x|null"),
                List.of("select id, name from t1"), List.of()), describe(PSQL_DESCRIBE_VIEW_PLUS, oid));
        assertEquals(List.of("public|t1_pkey|index|blueshift|t1"), query(PSQL_LIST_INDEXES));
        // E'\n' escape strings concatenated with plain ones; no grants, columns or policies to show
        assertEquals(List.of("public|t1|table|null||", "public|v1|view|null||"), query(PSQL_LIST_PRIVILEGES));
    }
}
