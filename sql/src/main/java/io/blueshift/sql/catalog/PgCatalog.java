package io.blueshift.sql.catalog;

import io.blueshift.storage.catalog.UserDef;
import io.blueshift.storage.catalog.SchemaDef;
import io.blueshift.storage.catalog.ColumnDef;
import io.blueshift.storage.catalog.TableDef;
import io.blueshift.storage.catalog.Catalog;
import io.blueshift.storage.catalog.ForeignKey;
import io.blueshift.storage.catalog.IndexDef;
import io.blueshift.columnar.SqlType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL 15's catalog relations over Blueshift's catalog, with PostgreSQL 15's columns, so that
 * the metadata SQL of psql, pgJDBC, SQLAlchemy, DBeaver and Metabase runs unchanged. OIDs come
 * from {@link PgOids}. Relations Blueshift has nothing for (triggers, policies, publications,
 * inheritance, enums ...) exist and are empty, because clients join them unconditionally.
 *
 * <p>Besides the user's schemas, pg_class and pg_attribute list the catalog relations themselves
 * (in pg_catalog and information_schema), so that {@code 'pg_class'::regclass} has an OID and
 * result columns of catalog queries have a table.
 */
public final class PgCatalog {
    private PgCatalog() {
    }

    /** What the relations are made from: the catalog, the session and Redshift's system views. */
    public record Context(Catalog catalog, PgSession session, List<SystemViews.SystemView> systemViews) {
        /** The role shown as every object's owner: the first superuser, or the session's user. */
        public String owner() {
            for (UserDef u : catalog.users()) {
                if (u.superuser()) {
                    return u.name();
                }
            }
            return session.user();
        }

        /** The roles: the catalog's users, and the session's user if it is not one of them. */
        public List<UserDef> roles() {
            List<UserDef> out = new ArrayList<>(catalog.users());
            if (out.stream().noneMatch(u -> u.name().equals(session.user()))) {
                out.addFirst(new UserDef(session.user(), true, null, null));
            }
            return out;
        }
    }

    /** A table or view of a user schema. */
    public record UserRelation(String schema, TableDef table) {
    }

    /**
     * An index of a user table as pg_class, pg_index and pg_indexes show it: the primary key's
     * ({@code table_pkey}), those of UNIQUE constraints ({@code constraint}) and those CREATE INDEX
     * made. Its OID is that of a relation of its name.
     */
    public record UserIndex(String schema, TableDef table, String name, List<String> columns, boolean unique,
                            boolean primary, String method, boolean constraint) {
        public int oid() {
            return PgOids.tableOid(schema, name);
        }

        /** The column numbers (1-based) of its columns in the table. */
        public List<Integer> positions() {
            List<Integer> out = new ArrayList<>();
            for (String c : columns) {
                out.add(table.columnIndex(c) + 1);
            }
            return out;
        }

        /** What pg_get_indexdef and pg_indexes print. */
        public String definition() {
            return "CREATE " + (unique ? "UNIQUE " : "") + "INDEX " + name + " ON " + schema + "." + table.name()
                    + " USING " + method + " (" + String.join(", ", columns) + ")";
        }
    }

    /** Every index of every user table, each table's primary key first. */
    public static List<UserIndex> userIndexes(Catalog catalog) {
        List<UserIndex> out = new ArrayList<>();
        for (UserRelation r : userRelations(catalog)) {
            out.addAll(indexesOf(r.schema(), r.table()));
        }
        return out;
    }

    /** The indexes of one table (none for a view). */
    public static List<UserIndex> indexesOf(String schema, TableDef t) {
        if (t.isView()) {
            return List.of();
        }
        List<UserIndex> out = new ArrayList<>();
        if (!t.primaryKey().isEmpty()) {
            out.add(new UserIndex(schema, t, t.primaryKeyName(), t.primaryKey(), true, true, "btree", true));
        }
        for (IndexDef i : t.design().indexes()) {
            out.add(new UserIndex(schema, t, i.name(), i.columns(), i.unique(), false, i.method(), i.constraint()));
        }
        return out;
    }

    /** Every table and view of the user's schemas. */
    public static List<UserRelation> userRelations(Catalog catalog) {
        List<UserRelation> out = new ArrayList<>();
        for (SchemaDef s : catalog.schemas()) {
            for (TableDef t : s.tables().values()) {
                out.add(new UserRelation(s.name(), t));
            }
        }
        return out;
    }

    /** A relation's name and columns, user or system, for pg_class and pg_attribute. */
    private record AnyRelation(String schema, String name, List<ColumnDef> columns, char kind, TableDef table) {
    }

    private static List<AnyRelation> allRelations(Context c) {
        List<AnyRelation> out = new ArrayList<>();
        for (UserRelation r : userRelations(c.catalog())) {
            out.add(new AnyRelation(r.schema(), r.table().name(), r.table().columns(), r.table().isView() ? 'v' : 'r', r.table()));
        }
        for (PgRelation r : relations()) {
            out.add(new AnyRelation(r.schema(), r.name(), r.columns(), r.schema().equals("pg_catalog") ? 'r' : 'v', null));
        }
        for (SystemViews.SystemView v : c.systemViews()) {
            out.add(new AnyRelation("pg_catalog", v.name(), v.columns(), 'v', null));
        }
        return out;
    }

    private static final Map<String, PgRelation> RELATIONS = new LinkedHashMap<>();

    /** The relations of pg_catalog and information_schema, in that order. */
    public static List<PgRelation> relations() {
        return List.copyOf(RELATIONS.values());
    }

    /** The relation of that schema and name, or null. */
    public static PgRelation relation(String schema, String name) {
        return RELATIONS.get(schema + "." + name);
    }

    private static void add(PgRelation r) {
        RELATIONS.put(r.schema() + "." + r.name(), r);
    }

    private static void addEmpty(String name, String columns) {
        add(PgRelation.empty("pg_catalog", name, columns));
    }

    private static final String PG = "pg_catalog";

    static {
        add(PgRelation.of(PG, "pg_namespace", "oid oid, nspname name, nspowner oid, nspacl aclitem[]", PgCatalog::namespaces));
        add(PgRelation.of(PG, "pg_class", "oid oid, relname name, relnamespace oid, reltype oid, reloftype oid, relowner oid, "
                + "relam oid, relfilenode oid, reltablespace oid, relpages integer, reltuples real, relallvisible integer, "
                + "reltoastrelid oid, relhasindex boolean, relisshared boolean, relpersistence \"char\", relkind \"char\", "
                + "relnatts smallint, relchecks smallint, relhasrules boolean, relhastriggers boolean, relhassubclass boolean, "
                + "relrowsecurity boolean, relforcerowsecurity boolean, relispopulated boolean, relreplident \"char\", "
                + "relispartition boolean, relrewrite oid, relfrozenxid xid, relminmxid xid, relacl aclitem[], "
                + "reloptions text[], relpartbound pg_node_tree", PgCatalog::classes));
        add(PgRelation.of(PG, "pg_attribute", "attrelid oid, attname name, atttypid oid, attstattarget integer, "
                + "attlen smallint, attnum smallint, attndims integer, attcacheoff integer, atttypmod integer, attbyval boolean, "
                + "attalign \"char\", attstorage \"char\", attcompression \"char\", attnotnull boolean, atthasdef boolean, "
                + "atthasmissing boolean, attidentity \"char\", attgenerated \"char\", attisdropped boolean, attislocal boolean, "
                + "attinhcount integer, attcollation oid, attacl aclitem[], attoptions text[], attfdwoptions text[], "
                + "attmissingval anyarray", PgCatalog::attributes));
        add(PgRelation.of(PG, "pg_type", "oid oid, typname name, typnamespace oid, typowner oid, typlen smallint, "
                + "typbyval boolean, typtype \"char\", typcategory \"char\", typispreferred boolean, typisdefined boolean, "
                + "typdelim \"char\", typrelid oid, typsubscript regproc, typelem oid, typarray oid, typinput regproc, "
                + "typoutput regproc, typreceive regproc, typsend regproc, typmodin regproc, typmodout regproc, "
                + "typanalyze regproc, typalign \"char\", typstorage \"char\", typnotnull boolean, typbasetype oid, "
                + "typtypmod integer, typndims integer, typcollation oid, typdefaultbin pg_node_tree, typdefault text, "
                + "typacl aclitem[]", PgCatalog::types));
        add(PgRelation.of(PG, "pg_attrdef", "oid oid, adrelid oid, adnum smallint, adbin pg_node_tree", PgCatalog::defaults));
        addEmpty("pg_description", "objoid oid, classoid oid, objsubid integer, description text");
        addEmpty("pg_shdescription", "objoid oid, classoid oid, description text");
        add(PgRelation.of(PG, "pg_index", "indexrelid oid, indrelid oid, indnatts smallint, indnkeyatts smallint, "
                + "indisunique boolean, indnullsnotdistinct boolean, indisprimary boolean, indisexclusion boolean, "
                + "indimmediate boolean, indisclustered boolean, indisvalid boolean, indcheckxmin boolean, indisready boolean, "
                + "indislive boolean, indisreplident boolean, indkey int2vector, indcollation oidvector, indclass oidvector, "
                + "indoption int2vector, indexprs pg_node_tree, indpred pg_node_tree", PgCatalog::indexes));
        add(PgRelation.of(PG, "pg_constraint", "oid oid, conname name, connamespace oid, contype \"char\", "
                + "condeferrable boolean, condeferred boolean, convalidated boolean, conrelid oid, contypid oid, conindid oid, "
                + "conparentid oid, confrelid oid, confupdtype \"char\", confdeltype \"char\", confmatchtype \"char\", "
                + "conislocal boolean, coninhcount integer, connoinherit boolean, conkey smallint[], confkey smallint[], "
                + "conpfeqop oid[], conppeqop oid[], conffeqop oid[], confdelsetcols smallint[], conexclop oid[], "
                + "conbin pg_node_tree", PgCatalog::constraints));
        add(PgRelation.of(PG, "pg_am", "oid oid, amname name, amhandler regproc, amtype \"char\"", c -> {
            PgRelation.Rows rows = new PgRelation.Rows(relation(PG, "pg_am"));
            rows.row("oid", PgOids.HEAP_AM, "amname", "heap", "amhandler", "heap_tableam_handler", "amtype", "t");
            rows.row("oid", PgOids.BTREE_AM, "amname", "btree", "amhandler", "bthandler", "amtype", "i");
            rows.row("oid", 405, "amname", "hash", "amhandler", "hashhandler", "amtype", "i");
            return rows.list();
        }));
        add(PgRelation.of(PG, "pg_database", "oid oid, datname name, datdba oid, encoding integer, datlocprovider \"char\", "
                + "datistemplate boolean, datallowconn boolean, datconnlimit integer, datfrozenxid xid, datminmxid xid, "
                + "dattablespace oid, datcollate text, datctype text, daticulocale text, datcollversion text, "
                + "datacl aclitem[]", c -> {
            PgRelation.Rows rows = new PgRelation.Rows(relation(PG, "pg_database"));
            rows.row("oid", PgOids.databaseOid(c.session().database()), "datname", c.session().database(),
                    "datdba", PgOids.roleOid(c.owner()), "encoding", 6, "datlocprovider", "c", "datallowconn", true,
                    "datconnlimit", -1, "datfrozenxid", 716, "datminmxid", 1, "dattablespace", 1663,
                    "datcollate", "C.UTF-8", "datctype", "C.UTF-8");
            return rows.list();
        }));
        String roleColumns = "rolname name, rolsuper boolean, rolinherit boolean, rolcreaterole boolean, "
                + "rolcreatedb boolean, rolcanlogin boolean, rolreplication boolean, rolconnlimit integer, rolpassword text, "
                + "rolvaliduntil timestamp with time zone, rolbypassrls boolean, rolconfig text[], oid oid";
        add(PgRelation.of(PG, "pg_roles", roleColumns, c -> roles(relation(PG, "pg_roles"), c)));
        add(PgRelation.of(PG, "pg_authid", "oid oid, rolname name, rolsuper boolean, rolinherit boolean, "
                + "rolcreaterole boolean, rolcreatedb boolean, rolcanlogin boolean, rolreplication boolean, "
                + "rolbypassrls boolean, rolconnlimit integer, rolpassword text, rolvaliduntil timestamp with time zone",
                c -> roles(relation(PG, "pg_authid"), c)));
        add(PgRelation.of(PG, "pg_user", "usename name, usesysid oid, usecreatedb boolean, usesuper boolean, "
                + "userepl boolean, usebypassrls boolean, passwd text, valuntil timestamp with time zone, useconfig text[]", c -> {
            PgRelation.Rows rows = new PgRelation.Rows(relation(PG, "pg_user"));
            for (UserDef u : c.roles()) {
                rows.row("usename", u.name(), "usesysid", PgOids.roleOid(u.name()), "usecreatedb", u.superuser(),
                        "usesuper", u.superuser(), "passwd", "********");
            }
            return rows.list();
        }));
        addEmpty("pg_auth_members", "roleid oid, member oid, grantor oid, admin_option boolean");
        add(PgRelation.of(PG, "pg_settings", "name text, setting text, unit text, category text, short_desc text, "
                + "extra_desc text, context text, vartype text, source text, min_val text, max_val text, enumvals text[], "
                + "boot_val text, reset_val text, sourcefile text, sourceline integer, pending_restart boolean", PgCatalog::settings));
        add(PgRelation.of(PG, "pg_proc", "oid oid, proname name, pronamespace oid, proowner oid, prolang oid, procost real, "
                + "prorows real, provariadic oid, prosupport regproc, prokind \"char\", prosecdef boolean, "
                + "proleakproof boolean, proisstrict boolean, proretset boolean, provolatile \"char\", proparallel \"char\", "
                + "pronargs smallint, pronargdefaults smallint, prorettype oid, proargtypes oidvector, "
                + "proallargtypes oid[], proargmodes \"char\"[], proargnames text[], proargdefaults pg_node_tree, "
                + "protrftypes oid[], prosrc text, probin text, prosqlbody pg_node_tree, proconfig text[], "
                + "proacl aclitem[]", PgCatalog::procs));
        addEmpty("pg_enum", "oid oid, enumtypid oid, enumsortorder real, enumlabel name");
        addEmpty("pg_inherits", "inhrelid oid, inhparent oid, inhseqno integer, inhdetachpending boolean");
        add(PgRelation.of(PG, "pg_collation", "oid oid, collname name, collnamespace oid, collowner oid, "
                + "collprovider \"char\", collisdeterministic boolean, collencoding integer, collcollate text, "
                + "collctype text, colliculocale text, collversion text", c -> {
            PgRelation.Rows rows = new PgRelation.Rows(relation(PG, "pg_collation"));
            rows.row("oid", PgOids.DEFAULT_COLLATION, "collname", "default", "collnamespace", PgOids.PG_CATALOG_NAMESPACE,
                    "collowner", PgOids.BOOTSTRAP_SUPERUSER, "collprovider", "d", "collisdeterministic", true, "collencoding", -1);
            rows.row("oid", 950, "collname", "C", "collnamespace", PgOids.PG_CATALOG_NAMESPACE, "collowner",
                    PgOids.BOOTSTRAP_SUPERUSER, "collprovider", "c", "collisdeterministic", true, "collencoding", -1,
                    "collcollate", "C", "collctype", "C");
            rows.row("oid", 951, "collname", "POSIX", "collnamespace", PgOids.PG_CATALOG_NAMESPACE, "collowner",
                    PgOids.BOOTSTRAP_SUPERUSER, "collprovider", "c", "collisdeterministic", true, "collencoding", -1,
                    "collcollate", "POSIX", "collctype", "POSIX");
            return rows.list();
        }));
        addEmpty("pg_depend", "classid oid, objid oid, objsubid integer, refclassid oid, refobjid oid, refobjsubid integer, "
                + "deptype \"char\"");
        add(PgRelation.of(PG, "pg_tablespace", "oid oid, spcname name, spcowner oid, spcacl aclitem[], spcoptions text[]", c -> {
            PgRelation.Rows rows = new PgRelation.Rows(relation(PG, "pg_tablespace"));
            rows.row("oid", 1663, "spcname", "pg_default", "spcowner", PgOids.roleOid(c.owner()));
            rows.row("oid", 1664, "spcname", "pg_global", "spcowner", PgOids.roleOid(c.owner()));
            return rows.list();
        }));
        add(PgRelation.of(PG, "pg_tables", "schemaname name, tablename name, tableowner name, tablespace name, "
                + "hasindexes boolean, hasrules boolean, hastriggers boolean, rowsecurity boolean", c -> {
            PgRelation.Rows rows = new PgRelation.Rows(relation(PG, "pg_tables"));
            for (UserRelation r : userRelations(c.catalog())) {
                if (!r.table().isView()) {
                    rows.row("schemaname", r.schema(), "tablename", r.table().name(), "tableowner", c.owner(),
                            "hasindexes", !indexesOf(r.schema(), r.table()).isEmpty());
                }
            }
            return rows.list();
        }));
        add(PgRelation.of(PG, "pg_views", "schemaname name, viewname name, viewowner name, definition text", c -> {
            PgRelation.Rows rows = new PgRelation.Rows(relation(PG, "pg_views"));
            for (UserRelation r : userRelations(c.catalog())) {
                if (r.table().isView()) {
                    rows.row("schemaname", r.schema(), "viewname", r.table().name(), "viewowner", c.owner(),
                            "definition", r.table().viewSql());
                }
            }
            return rows.list();
        }));
        addEmpty("pg_matviews", "schemaname name, matviewname name, matviewowner name, tablespace name, "
                + "hasindexes boolean, ispopulated boolean, definition text");
        add(PgRelation.of(PG, "pg_indexes", "schemaname name, tablename name, indexname name, tablespace name, indexdef text", c -> {
            PgRelation.Rows rows = new PgRelation.Rows(relation(PG, "pg_indexes"));
            for (UserIndex i : userIndexes(c.catalog())) {
                rows.row("schemaname", i.schema(), "tablename", i.table().name(), "indexname", i.name(),
                        "indexdef", i.definition());
            }
            return rows.list();
        }));
        add(PgRelation.of(PG, "pg_stat_user_tables", "relid oid, schemaname name, relname name, seq_scan bigint, "
                + "seq_tup_read bigint, idx_scan bigint, idx_tup_fetch bigint, n_tup_ins bigint, n_tup_upd bigint, "
                + "n_tup_del bigint, n_tup_hot_upd bigint, n_live_tup bigint, n_dead_tup bigint, n_mod_since_analyze bigint, "
                + "n_ins_since_vacuum bigint, last_vacuum timestamp with time zone, last_autovacuum timestamp with time zone, "
                + "last_analyze timestamp with time zone, last_autoanalyze timestamp with time zone, vacuum_count bigint, "
                + "autovacuum_count bigint, analyze_count bigint, autoanalyze_count bigint", c -> {
            PgRelation.Rows rows = new PgRelation.Rows(relation(PG, "pg_stat_user_tables"));
            for (UserRelation r : userRelations(c.catalog())) {
                if (!r.table().isView()) {
                    rows.row("relid", PgOids.tableOid(r.schema(), r.table().name()), "schemaname", r.schema(),
                            "relname", r.table().name(), "n_live_tup", r.table().data() == null ? 0L : r.table().data().rowCount());
                }
            }
            return rows.list();
        }));
        addEmpty("pg_policy", "oid oid, polname name, polrelid oid, polcmd \"char\", polpermissive boolean, polroles oid[], "
                + "polqual pg_node_tree, polwithcheck pg_node_tree");
        addEmpty("pg_statistic_ext", "oid oid, stxrelid oid, stxname name, stxnamespace oid, stxowner oid, "
                + "stxstattarget integer, stxkeys int2vector, stxkind \"char\"[], stxexprs pg_node_tree");
        addEmpty("pg_publication", "oid oid, pubname name, pubowner oid, puballtables boolean, pubinsert boolean, "
                + "pubupdate boolean, pubdelete boolean, pubtruncate boolean, pubviaroot boolean");
        addEmpty("pg_publication_namespace", "oid oid, pnpubid oid, pnnspid oid");
        addEmpty("pg_publication_rel", "oid oid, prpubid oid, prrelid oid, prqual pg_node_tree, prattrs int2vector");
        addEmpty("pg_trigger", "oid oid, tgrelid oid, tgparentid oid, tgname name, tgfoid oid, tgtype smallint, "
                + "tgenabled \"char\", tgisinternal boolean, tgconstrrelid oid, tgconstrindid oid, tgconstraint oid, "
                + "tgdeferrable boolean, tginitdeferred boolean, tgnargs smallint, tgattr int2vector, tgargs bytea, "
                + "tgqual pg_node_tree, tgoldtable name, tgnewtable name");
        addEmpty("pg_rewrite", "oid oid, rulename name, ev_class oid, ev_type \"char\", ev_enabled \"char\", "
                + "is_instead boolean, ev_qual pg_node_tree, ev_action pg_node_tree");
        addEmpty("pg_sequence", "seqrelid oid, seqtypid oid, seqstart bigint, seqincrement bigint, seqmax bigint, "
                + "seqmin bigint, seqcache bigint, seqcycle boolean");
        addEmpty("pg_foreign_table", "ftrelid oid, ftserver oid, ftoptions text[]");
        addEmpty("pg_foreign_server", "oid oid, srvname name, srvowner oid, srvfdw oid, srvtype text, srvversion text, "
                + "srvacl aclitem[], srvoptions text[]");
        addEmpty("pg_foreign_data_wrapper", "oid oid, fdwname name, fdwowner oid, fdwhandler oid, fdwvalidator oid, "
                + "fdwacl aclitem[], fdwoptions text[]");
        addEmpty("pg_extension", "oid oid, extname name, extowner oid, extnamespace oid, extrelocatable boolean, "
                + "extversion text, extconfig oid[], extcondition text[]");
        addEmpty("pg_event_trigger", "oid oid, evtname name, evtevent name, evtowner oid, evtfoid oid, evtenabled \"char\", "
                + "evttags text[]");
        addEmpty("pg_cast", "oid oid, castsource oid, casttarget oid, castfunc oid, castcontext \"char\", castmethod \"char\"");
        addEmpty("pg_operator", "oid oid, oprname name, oprnamespace oid, oprowner oid, oprkind \"char\", oprcanmerge boolean, "
                + "oprcanhash boolean, oprleft oid, oprright oid, oprresult oid, oprcom oid, oprnegate oid, oprcode regproc, "
                + "oprrest regproc, oprjoin regproc");
        addEmpty("pg_language", "oid oid, lanname name, lanowner oid, lanispl boolean, lanpltrusted boolean, "
                + "lanplcallfoid oid, laninline oid, lanvalidator oid, lanacl aclitem[]");
        addEmpty("pg_aggregate", "aggfnoid regproc, aggkind \"char\", aggnumdirectargs smallint, aggtransfn regproc, "
                + "aggfinalfn regproc, aggsortop oid, aggtranstype oid, agginitval text");
        add(PgRelation.of(PG, "pg_stat_activity", "datid oid, datname name, pid integer, leader_pid integer, usesysid oid, "
                + "usename name, application_name text, client_addr text, client_hostname text, client_port integer, "
                + "backend_start timestamp with time zone, xact_start timestamp with time zone, "
                + "query_start timestamp with time zone, state_change timestamp with time zone, wait_event_type text, "
                + "wait_event text, state text, backend_xid xid, backend_xmin xid, query_id bigint, query text, "
                + "backend_type text", c -> {
            PgRelation.Rows rows = new PgRelation.Rows(relation(PG, "pg_stat_activity"));
            for (Backends.Activity a : c.session().backends().activity(c.session().principal())) {
                rows.row("datid", PgOids.databaseOid(c.session().database()), "datname", c.session().database(), "pid", a.pid(),
                        "usesysid", PgOids.roleOid(a.user()), "usename", a.user(), "application_name", a.applicationName(),
                        "backend_start", a.backendStart(), "query_start", a.queryStart(), "state_change", a.stateChange(),
                        "state", a.state(), "query", a.query(), "backend_type", "client backend");
            }
            return rows.list();
        }));
        addEmpty("pg_locks", "locktype text, database oid, relation oid, page integer, tuple smallint, virtualxid text, "
                + "transactionid xid, classid oid, objid oid, objsubid smallint, virtualtransaction text, pid integer, "
                + "mode text, granted boolean, fastpath boolean, waitstart timestamp with time zone");
        addEmpty("pg_partitioned_table", "partrelid oid, partstrat \"char\", partnatts smallint, partdefid oid, "
                + "partattrs int2vector, partclass oidvector, partcollation oidvector, partexprs pg_node_tree");
        addEmpty("pg_opclass", "oid oid, opcmethod oid, opcname name, opcnamespace oid, opcowner oid, opcfamily oid, "
                + "opcintype oid, opcdefault boolean, opckeytype oid");
        addEmpty("pg_init_privs", "objoid oid, classoid oid, objsubid integer, privtype \"char\", initprivs aclitem[]");
        addEmpty("pg_default_acl", "oid oid, defaclrole oid, defaclnamespace oid, defaclobjtype \"char\", defaclacl aclitem[]");
        addEmpty("pg_largeobject_metadata", "oid oid, lomowner oid, lomacl aclitem[]");
        addEmpty("pg_conversion", "oid oid, conname name, connamespace oid, conowner oid, conforencoding integer, "
                + "contoencoding integer, conproc regproc, condefault boolean");
        addEmpty("pg_ts_config", "oid oid, cfgname name, cfgnamespace oid, cfgowner oid, cfgparser oid");
        addEmpty("pg_prepared_xacts", "transaction xid, gid text, prepared timestamp with time zone, owner name, database name");
        addEmpty("pg_statio_user_tables", "relid oid, schemaname name, relname name, heap_blks_read bigint, "
                + "heap_blks_hit bigint, idx_blks_read bigint, idx_blks_hit bigint");
        add(PgRelation.of(PG, "svv_external_schemas", "esoid oid, eskind smallint, schemaname name, esowner integer, "
                + "databasename text, esoptions text", c -> {
            PgRelation.Rows rows = new PgRelation.Rows(relation(PG, "svv_external_schemas"));
            externalTables(c.catalog()).stream().map(e -> e.relation().schema()).distinct().forEach(schema -> rows.row(
                    "esoid", PgOids.namespaceOid(schema), "eskind", (short) 1, "schemaname", schema, "esowner", 100,
                    "databasename", schema, "esoptions", null));
            return rows.list();
        }));
        add(PgRelation.of(PG, "svv_external_tables", "redshift_database_name text, schemaname text, tablename text, "
                + "tabletype text, location text, input_format text, output_format text, serialization_lib text, "
                + "serde_parameters text, compressed integer, parameters text", c -> {
            PgRelation.Rows rows = new PgRelation.Rows(relation(PG, "svv_external_tables"));
            for (External e : externalTables(c.catalog())) {
                boolean parquet = e.format().equals("parquet");
                rows.row("redshift_database_name", c.session().database(), "schemaname", e.relation().schema(),
                        "tablename", e.relation().table().name(), "tabletype", "EXTERNAL_TABLE", "location", e.location(),
                        "input_format", parquet ? "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat"
                                : "org.apache.hadoop.mapred.TextInputFormat",
                        "output_format", parquet ? "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat"
                                : "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat",
                        "serialization_lib", parquet ? "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe"
                                : "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe",
                        "serde_parameters", null, "compressed", 0, "parameters", null);
            }
            return rows.list();
        }));
        add(PgRelation.of(PG, "svv_external_columns", "redshift_database_name text, schemaname text, tablename text, "
                + "columnname text, external_type text, columnnum integer, part_key integer, is_nullable text", c -> {
            PgRelation.Rows rows = new PgRelation.Rows(relation(PG, "svv_external_columns"));
            for (External e : externalTables(c.catalog())) {
                List<ColumnDef> columns = e.relation().table().columns();
                for (int i = 0; i < columns.size(); i++) {
                    rows.row("redshift_database_name", c.session().database(), "schemaname", e.relation().schema(),
                            "tablename", e.relation().table().name(), "columnname", columns.get(i).name(),
                            "external_type", columns.get(i).type().name(), "columnnum", i + 1, "part_key", 0, "is_nullable", "true");
                }
            }
            return rows.list();
        }));
        InformationSchema.register(RELATIONS);
    }

    /** An external table: a view over files in place, with its location and format. */
    private record External(UserRelation relation, String location, String format) {
    }

    private static final Pattern EXTERNAL_SOURCE = Pattern.compile("\"@(parquet|csv):([^\"|]*?)(/\\*\\*)?[\"|]");

    /** The views CREATE EXTERNAL TABLE made: those reading the files of one location. */
    private static List<External> externalTables(Catalog catalog) {
        List<External> out = new ArrayList<>();
        for (UserRelation r : userRelations(catalog)) {
            if (r.table().isView()) {
                Matcher m = EXTERNAL_SOURCE.matcher(r.table().viewSql());
                if (m.find() && m.group(3) != null) {
                    out.add(new External(r, m.group(2), m.group(1).equals("parquet") ? "parquet" : "textfile"));
                }
            }
        }
        return out;
    }

    private static List<Object[]> namespaces(Context c) {
        PgRelation.Rows rows = new PgRelation.Rows(relation(PG, "pg_namespace"));
        int owner = PgOids.roleOid(c.owner());
        rows.row("oid", PgOids.PG_CATALOG_NAMESPACE, "nspname", "pg_catalog", "nspowner", owner);
        rows.row("oid", PgOids.INFORMATION_SCHEMA_NAMESPACE, "nspname", "information_schema", "nspowner", owner);
        for (SchemaDef s : c.catalog().schemas()) {
            if (!s.name().equals("pg_catalog") && !s.name().equals("information_schema")) {
                rows.row("oid", PgOids.namespaceOid(s.name()), "nspname", s.name(), "nspowner", owner);
            }
        }
        return rows.list();
    }

    private static List<Object[]> classes(Context c) {
        PgRelation.Rows rows = new PgRelation.Rows(relation(PG, "pg_class"));
        int owner = PgOids.roleOid(c.owner());
        for (AnyRelation r : allRelations(c)) {
            boolean table = r.kind() == 'r';
            List<UserIndex> indexes = r.table() != null ? indexesOf(r.schema(), r.table()) : List.of();
            boolean keyed = !indexes.isEmpty();
            float tuples = r.table() != null && r.table().data() != null ? r.table().data().rowCount() : table ? -1f : 0f;
            int oid = PgOids.tableOid(r.schema(), r.name());
            rows.row("oid", oid, "relname", r.name(), "relnamespace", PgOids.namespaceOid(r.schema()), "relowner", owner,
                    "relam", table ? PgOids.HEAP_AM : 0, "relfilenode", table ? oid : 0, "reltuples", tuples,
                    "relhasindex", keyed, "relpersistence", "p", "relkind", String.valueOf(r.kind()),
                    "relnatts", (short) r.columns().size(), "relhasrules", r.kind() == 'v', "relispopulated", true,
                    "relreplident", table ? "d" : "n", "relfrozenxid", table ? 716 : 0, "relminmxid", table ? 1 : 0);
            for (UserIndex i : indexes) {
                int index = i.oid();
                rows.row("oid", index, "relname", i.name(), "relnamespace",
                        PgOids.namespaceOid(r.schema()), "relowner", owner, "relam", PgOids.BTREE_AM, "relfilenode", index,
                        "reltuples", tuples, "relpersistence", "p", "relkind", "i",
                        "relnatts", (short) i.columns().size(), "relispopulated", true, "relreplident", "n");
            }
        }
        return rows.list();
    }

    private static List<Object[]> attributes(Context c) {
        PgRelation.Rows rows = new PgRelation.Rows(relation(PG, "pg_attribute"));
        for (AnyRelation r : allRelations(c)) {
            int oid = PgOids.tableOid(r.schema(), r.name());
            for (int i = 0; i < r.columns().size(); i++) {
                ColumnDef column = r.columns().get(i);
                // a view's columns are never NOT NULL in Postgres, whatever its query guarantees
                attribute(rows, oid, i + 1, column, r.kind() == 'r' && r.table() != null && !column.nullable(),
                        r.kind() == 'r' && r.table() != null && column.defaultSql() != null);
            }
            for (UserIndex index : r.table() != null ? indexesOf(r.schema(), r.table()) : List.<UserIndex>of()) {
                List<String> key = index.columns();
                for (int i = 0; i < key.size(); i++) {
                    attribute(rows, index.oid(), i + 1, r.table().columns().get(r.table().columnIndex(key.get(i))), false, false);
                }
            }
        }
        return rows.list();
    }

    private static void attribute(PgRelation.Rows rows, int relation, int attnum, ColumnDef column, boolean notNull,
                                  boolean hasDefault) {
        SqlType type = column.type();
        PgOids.PgType pgType = PgOids.type(PgOids.typeOid(type));
        rows.row("attrelid", relation, "attname", column.name(), "atttypid", PgOids.typeOid(type), "attstattarget", -1,
                "attlen", (short) PgOids.typeLength(type), "attnum", (short) attnum, "attcacheoff", -1,
                "atttypmod", PgOids.typeModifier(type), "attbyval", pgType.byValue(), "attalign", pgType.align(),
                "attstorage", pgType.storage(), "attcompression", "", "attnotnull", notNull, "atthasdef", hasDefault,
                "attidentity", "", "attgenerated", "", "attislocal", true,
                "attcollation", type.isString() ? PgOids.DEFAULT_COLLATION : 0);
    }

    private static List<Object[]> types(Context c) {
        PgRelation.Rows rows = new PgRelation.Rows(relation(PG, "pg_type"));
        for (PgOids.PgType t : PgOids.TYPES) {
            boolean array = t.name().startsWith("_");
            String io = array ? "array" : t.name();
            boolean text = t.category().equals("S") && !t.name().equals("name") || t.name().equals("name");
            rows.row("oid", t.oid(), "typname", t.name(), "typnamespace", PgOids.PG_CATALOG_NAMESPACE,
                    "typowner", PgOids.BOOTSTRAP_SUPERUSER, "typlen", (short) t.length(), "typbyval", t.byValue(),
                    "typtype", t.name().equals("unknown") ? "p" : "b", "typcategory", t.category(),
                    "typispreferred", t.name().equals("text") || t.name().equals("float8") || t.name().equals("timestamptz")
                            || t.name().equals("bool") || t.name().equals("oid"),
                    "typisdefined", true, "typdelim", ",", "typsubscript", array ? "array_subscript_handler" : "-",
                    "typelem", t.element(), "typarray", t.array(), "typinput", io + "_in", "typoutput", io + "_out",
                    "typreceive", io + "_recv", "typsend", io + "_send", "typmodin", "-", "typmodout", "-", "typanalyze", "-",
                    "typalign", t.align(), "typstorage", t.storage(), "typtypmod", -1,
                    "typcollation", text ? PgOids.DEFAULT_COLLATION : 0);
        }
        return rows.list();
    }

    private static List<Object[]> defaults(Context c) {
        PgRelation.Rows rows = new PgRelation.Rows(relation(PG, "pg_attrdef"));
        for (UserRelation r : userRelations(c.catalog())) {
            List<ColumnDef> columns = r.table().columns();
            for (int i = 0; i < columns.size(); i++) {
                if (columns.get(i).defaultSql() != null && !r.table().isView()) {
                    rows.row("oid", PgOids.attrdefOid(r.schema(), r.table().name(), i + 1),
                            "adrelid", PgOids.tableOid(r.schema(), r.table().name()), "adnum", (short) (i + 1),
                            "adbin", columns.get(i).defaultSql());
                }
            }
        }
        return rows.list();
    }

    /** The positions (1-based) of a table's primary key columns. */
    static List<Integer> keyPositions(TableDef table) {
        List<Integer> out = new ArrayList<>();
        for (String k : table.primaryKey()) {
            out.add(table.columnIndex(k) + 1);
        }
        return out;
    }

    private static String joined(List<?> values, String separator) {
        StringBuilder sb = new StringBuilder();
        for (Object v : values) {
            sb.append(sb.isEmpty() ? "" : separator).append(v);
        }
        return sb.toString();
    }

    private static List<Object[]> indexes(Context c) {
        PgRelation.Rows rows = new PgRelation.Rows(relation(PG, "pg_index"));
        for (UserIndex i : userIndexes(c.catalog())) {
            List<Integer> key = i.positions();
            List<Integer> zeros = key.stream().map(k -> 0).toList();
            rows.row("indexrelid", i.oid(),
                    "indrelid", PgOids.tableOid(i.schema(), i.table().name()), "indnatts", (short) key.size(),
                    "indnkeyatts", (short) key.size(), "indisunique", i.unique(), "indisprimary", i.primary(),
                    "indimmediate", true, "indisvalid", true, "indisready", true, "indislive", true,
                    "indkey", joined(key, " "), "indcollation", joined(zeros, " "), "indclass", joined(zeros, " "),
                    "indoption", joined(zeros, " "));
        }
        return rows.list();
    }

    private static List<Object[]> constraints(Context c) {
        PgRelation.Rows rows = new PgRelation.Rows(relation(PG, "pg_constraint"));
        for (UserRelation r : userRelations(c.catalog())) {
            TableDef t = r.table();
            if (t.isView()) {
                continue;
            }
            for (ForeignKey k : t.design().foreignKeys()) {
                SchemaDef refSchema = c.catalog().findSchema(k.refSchema());
                TableDef ref = refSchema == null ? null : refSchema.table(k.refTable());
                List<String> refColumns = !k.refColumns().isEmpty() || ref == null ? k.refColumns() : ref.primaryKey();
                List<Integer> refKey = new ArrayList<>();
                for (String col : refColumns) {
                    refKey.add(ref == null ? 0 : ref.columnIndex(col) + 1);
                }
                List<Integer> key = new ArrayList<>();
                for (String col : k.columns()) {
                    key.add(t.columnIndex(col) + 1);
                }
                rows.row("oid", PgOids.foreignKeyOid(r.schema(), k.name()), "conname", k.name(),
                        "connamespace", PgOids.namespaceOid(r.schema()), "contype", "f", "convalidated", true,
                        "conrelid", PgOids.tableOid(r.schema(), t.name()),
                        "confrelid", PgOids.tableOid(k.refSchema(), k.refTable()),
                        "conindid", ref == null || ref.primaryKey().isEmpty() ? 0 : PgOids.primaryKeyIndexOid(k.refSchema(), ref),
                        "confupdtype", "a", "confdeltype", "a", "confmatchtype", "s", "conislocal", true, "connoinherit", true,
                        "conkey", "{" + joined(key, ",") + "}", "confkey", "{" + joined(refKey, ",") + "}");
            }
            for (IndexDef i : t.design().indexes()) {
                if (!i.constraint()) {
                    continue;
                }
                List<Integer> key = new ArrayList<>();
                for (String col : i.columns()) {
                    key.add(t.columnIndex(col) + 1);
                }
                rows.row("oid", PgOids.foreignKeyOid(r.schema(), i.name()), "conname", i.name(),
                        "connamespace", PgOids.namespaceOid(r.schema()), "contype", "u", "convalidated", true,
                        "conrelid", PgOids.tableOid(r.schema(), t.name()), "conindid", PgOids.tableOid(r.schema(), i.name()),
                        "confupdtype", " ", "confdeltype", " ", "confmatchtype", " ", "conislocal", true, "connoinherit", true,
                        "conkey", "{" + joined(key, ",") + "}");
            }
            if (t.primaryKey().isEmpty()) {
                continue;
            }
            rows.row("oid", PgOids.primaryKeyConstraintOid(r.schema(), t), "conname", t.primaryKeyName(),
                    "connamespace", PgOids.namespaceOid(r.schema()), "contype", "p", "convalidated", true,
                    "conrelid", PgOids.tableOid(r.schema(), t.name()), "conindid", PgOids.primaryKeyIndexOid(r.schema(), t),
                    "confupdtype", " ", "confdeltype", " ", "confmatchtype", " ", "conislocal", true, "connoinherit", true,
                    "conkey", "{" + joined(keyPositions(t), ",") + "}");
        }
        return rows.list();
    }

    private static List<Object[]> roles(PgRelation relation, Context c) {
        PgRelation.Rows rows = new PgRelation.Rows(relation);
        for (UserDef u : c.roles()) {
            rows.row("oid", PgOids.roleOid(u.name()), "rolname", u.name(), "rolsuper", u.superuser(), "rolinherit", true,
                    "rolcreaterole", u.superuser(), "rolcreatedb", u.superuser(), "rolcanlogin", true, "rolconnlimit", -1,
                    "rolpassword", "********", "rolbypassrls", u.superuser());
        }
        return rows.list();
    }

    /**
     * The settings pg_settings and current_setting() show (lower-case names): every parameter
     * {@link PgSettings} knows, with the session's values where it set them.
     */
    public static Map<String, String> settings(PgSession session) {
        Map<String, String> out = new TreeMap<>();
        for (PgSettings.Setting s : PgSettings.all()) {
            out.put(s.name().toLowerCase(Locale.ROOT), PgSettings.value(s, session.settings()));
        }
        for (Map.Entry<String, String> e : session.settings().entrySet()) {
            out.putIfAbsent(e.getKey().toLowerCase(Locale.ROOT), e.getValue());
        }
        return out;
    }

    private static List<Object[]> settings(Context c) {
        PgRelation.Rows rows = new PgRelation.Rows(relation(PG, "pg_settings"));
        Map<String, String> values = settings(c.session());
        for (PgSettings.Setting s : PgSettings.all()) {
            String value = values.get(s.name().toLowerCase(Locale.ROOT));
            String[] range = s.kind() == PgSettings.Kind.INTEGER ? s.values().getFirst().split("\\.\\.") : null;
            rows.row("name", s.name(), "setting", value, "category", "Blueshift", "short_desc", s.description(),
                    "context", s.readOnly() ? "internal" : "user", "vartype", s.vartype(),
                    "source", value.equals(s.defaultValue()) ? "default" : "session",
                    "min_val", range == null ? null : range[0], "max_val", range == null ? null : range[1],
                    "enumvals", s.kind() == PgSettings.Kind.ENUM ? "{" + String.join(",", s.values()) + "}" : null,
                    "boot_val", s.defaultValue(), "reset_val", s.defaultValue(), "pending_restart", false);
        }
        return rows.list();
    }

    /** The built-in functions pg_proc lists: name, result type OID, argument type OIDs, kind ('f' or 'a'). */
    private record Proc(String name, int result, String args, String kind, boolean set) {
    }

    private static final List<Proc> PROCS = List.of(
            new Proc("version", PgOids.TEXT, "", "f", false),
            new Proc("current_schema", PgOids.NAME, "", "f", false),
            new Proc("current_schemas", 1003, "16", "f", false),
            new Proc("current_database", PgOids.NAME, "", "f", false),
            new Proc("current_user", PgOids.NAME, "", "f", false),
            new Proc("session_user", PgOids.NAME, "", "f", false),
            new Proc("pg_backend_pid", PgOids.INT4, "", "f", false),
            new Proc("format_type", PgOids.TEXT, "26 23", "f", false),
            new Proc("pg_get_expr", PgOids.TEXT, "194 26", "f", false),
            new Proc("pg_get_userbyid", PgOids.NAME, "26", "f", false),
            new Proc("pg_table_is_visible", PgOids.BOOL, "26", "f", false),
            new Proc("pg_type_is_visible", PgOids.BOOL, "26", "f", false),
            new Proc("pg_function_is_visible", PgOids.BOOL, "26", "f", false),
            new Proc("pg_get_indexdef", PgOids.TEXT, "26", "f", false),
            new Proc("pg_get_constraintdef", PgOids.TEXT, "26", "f", false),
            new Proc("pg_get_viewdef", PgOids.TEXT, "26", "f", false),
            new Proc("pg_encoding_to_char", PgOids.NAME, "23", "f", false),
            new Proc("obj_description", PgOids.TEXT, "26 19", "f", false),
            new Proc("col_description", PgOids.TEXT, "26 23", "f", false),
            new Proc("shobj_description", PgOids.TEXT, "26 19", "f", false),
            new Proc("has_table_privilege", PgOids.BOOL, "25 25", "f", false),
            new Proc("has_schema_privilege", PgOids.BOOL, "25 25", "f", false),
            new Proc("has_database_privilege", PgOids.BOOL, "25 25", "f", false),
            new Proc("has_any_column_privilege", PgOids.BOOL, "25 25", "f", false),
            new Proc("pg_get_keywords", 2249, "", "f", true),
            new Proc("pg_relation_size", PgOids.INT8, "2205", "f", false),
            new Proc("pg_total_relation_size", PgOids.INT8, "2205", "f", false),
            new Proc("pg_table_size", PgOids.INT8, "2205", "f", false),
            new Proc("pg_size_pretty", PgOids.TEXT, "20", "f", false),
            new Proc("array_position", PgOids.INT4, "2277 2283", "f", false),
            new Proc("array_to_string", PgOids.TEXT, "2277 25", "f", false),
            new Proc("generate_series", PgOids.INT8, "20 20", "f", true),
            new Proc("unnest", 2283, "2277", "f", true),
            new Proc("quote_ident", PgOids.TEXT, "25", "f", false),
            new Proc("current_setting", PgOids.TEXT, "25", "f", false),
            new Proc("now", PgOids.TIMESTAMPTZ, "", "f", false),
            new Proc("length", PgOids.INT4, "25", "f", false),
            new Proc("lower", PgOids.TEXT, "25", "f", false),
            new Proc("upper", PgOids.TEXT, "25", "f", false),
            new Proc("substring", PgOids.TEXT, "25 23 23", "f", false),
            new Proc("replace", PgOids.TEXT, "25 25 25", "f", false),
            new Proc("coalesce", 2283, "2283", "f", false),
            new Proc("date_trunc", PgOids.TIMESTAMP, "25 1114", "f", false),
            new Proc("count", PgOids.INT8, "2276", "a", false),
            new Proc("sum", PgOids.NUMERIC, "1700", "a", false),
            new Proc("avg", PgOids.NUMERIC, "1700", "a", false),
            new Proc("min", 2283, "2283", "a", false),
            new Proc("max", 2283, "2283", "a", false),
            new Proc("string_agg", PgOids.TEXT, "25 25", "a", false),
            new Proc("median", PgOids.FLOAT8, "701", "a", false));

    private static List<Object[]> procs(Context c) {
        PgRelation.Rows rows = new PgRelation.Rows(relation(PG, "pg_proc"));
        for (Proc p : PROCS) {
            int arguments = p.args().isEmpty() ? 0 : p.args().split(" ").length;
            rows.row("oid", procOid(p.name()), "proname", p.name(), "pronamespace", PgOids.PG_CATALOG_NAMESPACE,
                    "proowner", PgOids.BOOTSTRAP_SUPERUSER, "prolang", 12, "procost", 1f, "prorows", p.set() ? 1000f : 0f,
                    "prosupport", "-", "prokind", p.kind(), "proisstrict", true, "proretset", p.set(), "provolatile", "s",
                    "proparallel", "s", "pronargs", (short) arguments, "prorettype", p.result(), "proargtypes", p.args(),
                    "prosrc", p.name());
        }
        return rows.list();
    }

    /** A built-in function's OID. */
    public static int procOid(String name) {
        return 1000 + Math.floorMod(name.hashCode(), 8000);
    }


}
