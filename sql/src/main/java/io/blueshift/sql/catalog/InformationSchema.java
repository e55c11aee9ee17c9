package io.blueshift.sql.catalog;

import io.blueshift.storage.catalog.IndexDef;

import io.blueshift.storage.catalog.SchemaDef;
import io.blueshift.storage.catalog.ColumnDef;
import io.blueshift.columnar.SqlType;
import java.util.List;
import java.util.Map;

/**
 * The SQL standard's {@code information_schema} views Postgres clients read, over Blueshift's
 * catalog, with PostgreSQL 15's columns (its domains {@code sql_identifier}, {@code character_data}
 * and {@code yes_or_no} are text, {@code cardinal_number} integer).
 */
final class InformationSchema {
    private InformationSchema() {
    }

    private static final String IS = "information_schema";

    static void register(Map<String, PgRelation> relations) {
        put(relations, PgRelation.of(IS, "schemata", "catalog_name text, schema_name text, schema_owner text, "
                + "default_character_set_catalog text, default_character_set_schema text, default_character_set_name text, "
                + "sql_path text", c -> {
            PgRelation.Rows rows = new PgRelation.Rows(relations.get(IS + ".schemata"));
            rows.row("catalog_name", c.session().database(), "schema_name", "pg_catalog", "schema_owner", c.owner());
            rows.row("catalog_name", c.session().database(), "schema_name", IS, "schema_owner", c.owner());
            for (SchemaDef s : c.catalog().schemas()) {
                rows.row("catalog_name", c.session().database(), "schema_name", s.name(), "schema_owner", c.owner());
            }
            return rows.list();
        }));
        put(relations, PgRelation.of(IS, "tables", "table_catalog text, table_schema text, table_name text, table_type text, "
                + "self_referencing_column_name text, reference_generation text, user_defined_type_catalog text, "
                + "user_defined_type_schema text, user_defined_type_name text, is_insertable_into text, is_typed text, "
                + "commit_action text", c -> {
            PgRelation.Rows rows = new PgRelation.Rows(relations.get(IS + ".tables"));
            for (PgCatalog.UserRelation r : PgCatalog.userRelations(c.catalog())) {
                rows.row("table_catalog", c.session().database(), "table_schema", r.schema(), "table_name", r.table().name(),
                        "table_type", r.table().isView() ? "VIEW" : "BASE TABLE",
                        "is_insertable_into", r.table().isView() ? "NO" : "YES", "is_typed", "NO");
            }
            for (PgRelation r : PgCatalog.relations()) {
                rows.row("table_catalog", c.session().database(), "table_schema", r.schema(), "table_name", r.name(),
                        "table_type", r.schema().equals(IS) ? "VIEW" : "BASE TABLE", "is_insertable_into", "NO", "is_typed", "NO");
            }
            return rows.list();
        }));
        put(relations, PgRelation.of(IS, "views", "table_catalog text, table_schema text, table_name text, "
                + "view_definition text, check_option text, is_updatable text, is_insertable_into text, "
                + "is_trigger_updatable text, is_trigger_deletable text, is_trigger_insertable_into text", c -> {
            PgRelation.Rows rows = new PgRelation.Rows(relations.get(IS + ".views"));
            for (PgCatalog.UserRelation r : PgCatalog.userRelations(c.catalog())) {
                if (r.table().isView()) {
                    rows.row("table_catalog", c.session().database(), "table_schema", r.schema(), "table_name",
                            r.table().name(), "view_definition", r.table().viewSql(), "check_option", "NONE",
                            "is_updatable", "NO", "is_insertable_into", "NO", "is_trigger_updatable", "NO",
                            "is_trigger_deletable", "NO", "is_trigger_insertable_into", "NO");
                }
            }
            return rows.list();
        }));
        put(relations, PgRelation.of(IS, "columns", "table_catalog text, table_schema text, table_name text, "
                + "column_name text, ordinal_position information_schema.cardinal_number, column_default text, "
                + "is_nullable text, data_type text, character_maximum_length information_schema.cardinal_number, "
                + "character_octet_length information_schema.cardinal_number, "
                + "numeric_precision information_schema.cardinal_number, "
                + "numeric_precision_radix information_schema.cardinal_number, "
                + "numeric_scale information_schema.cardinal_number, datetime_precision information_schema.cardinal_number, "
                + "interval_type text, interval_precision information_schema.cardinal_number, character_set_catalog text, "
                + "character_set_schema text, character_set_name text, collation_catalog text, collation_schema text, "
                + "collation_name text, domain_catalog text, domain_schema text, domain_name text, udt_catalog text, "
                + "udt_schema text, udt_name text, scope_catalog text, scope_schema text, scope_name text, "
                + "maximum_cardinality information_schema.cardinal_number, dtd_identifier text, is_self_referencing text, "
                + "is_identity text, identity_generation text, identity_start text, identity_increment text, "
                + "identity_maximum text, identity_minimum text, identity_cycle text, is_generated text, "
                + "generation_expression text, is_updatable text", c -> {
            PgRelation.Rows rows = new PgRelation.Rows(relations.get(IS + ".columns"));
            for (PgCatalog.UserRelation r : PgCatalog.userRelations(c.catalog())) {
                List<ColumnDef> columns = r.table().columns();
                for (int i = 0; i < columns.size(); i++) {
                    ColumnDef col = columns.get(i);
                    Object[] row = rows.add();
                    column(rows, row, col.type());
                    rows.set(row, "table_catalog", c.session().database()).set(row, "table_schema", r.schema())
                            .set(row, "table_name", r.table().name()).set(row, "column_name", col.name())
                            .set(row, "ordinal_position", i + 1).set(row, "column_default", col.defaultSql())
                            .set(row, "is_nullable", col.nullable() || r.table().isView() ? "YES" : "NO")
                            .set(row, "udt_catalog", c.session().database()).set(row, "udt_schema", "pg_catalog")
                            .set(row, "udt_name", PgOids.type(PgOids.typeOid(col.type())).name())
                            .set(row, "dtd_identifier", String.valueOf(i + 1)).set(row, "is_self_referencing", "NO")
                            .set(row, "is_identity", "NO").set(row, "identity_cycle", "NO").set(row, "is_generated", "NEVER")
                            .set(row, "is_updatable", r.table().isView() ? "NO" : "YES");
                }
            }
            return rows.list();
        }));
        String constraintColumns = "constraint_catalog text, constraint_schema text, constraint_name text, "
                + "table_catalog text, table_schema text, table_name text, constraint_type text, is_deferrable text, "
                + "initially_deferred text, enforced text, nulls_distinct text";
        put(relations, PgRelation.of(IS, "table_constraints", constraintColumns, c -> {
            PgRelation.Rows rows = new PgRelation.Rows(relations.get(IS + ".table_constraints"));
            for (PgCatalog.UserRelation r : PgCatalog.userRelations(c.catalog())) {
                if (!r.table().isView() && !r.table().primaryKey().isEmpty()) {
                    String db = c.session().database();
                    rows.row("constraint_catalog", db, "constraint_schema", r.schema(), "constraint_name",
                            r.table().primaryKeyName(), "table_catalog", db, "table_schema", r.schema(),
                            "table_name", r.table().name(), "constraint_type", "PRIMARY KEY", "is_deferrable", "NO",
                            "initially_deferred", "NO", "enforced", "YES", "nulls_distinct", null);
                }
                for (IndexDef i : r.table().isView() ? List.<IndexDef>of() : r.table().design().indexes()) {
                    if (i.constraint()) {
                        String db = c.session().database();
                        rows.row("constraint_catalog", db, "constraint_schema", r.schema(), "constraint_name", i.name(),
                                "table_catalog", db, "table_schema", r.schema(), "table_name", r.table().name(),
                                "constraint_type", "UNIQUE", "is_deferrable", "NO", "initially_deferred", "NO",
                                "enforced", "YES", "nulls_distinct", "YES");
                    }
                }
            }
            return rows.list();
        }));
        put(relations, PgRelation.of(IS, "key_column_usage", "constraint_catalog text, constraint_schema text, "
                + "constraint_name text, table_catalog text, table_schema text, table_name text, column_name text, "
                + "ordinal_position information_schema.cardinal_number, "
                + "position_in_unique_constraint information_schema.cardinal_number", c -> {
            PgRelation.Rows rows = new PgRelation.Rows(relations.get(IS + ".key_column_usage"));
            for (PgCatalog.UserRelation r : PgCatalog.userRelations(c.catalog())) {
                List<String> key = r.table().primaryKey();
                String db = c.session().database();
                for (int i = 0; i < key.size() && !r.table().isView(); i++) {
                    Object[] row = rows.add();
                    rows.set(row, "constraint_catalog", db).set(row, "constraint_schema", r.schema())
                            .set(row, "constraint_name", r.table().primaryKeyName()).set(row, "table_catalog", db)
                            .set(row, "table_schema", r.schema()).set(row, "table_name", r.table().name())
                            .set(row, "column_name", key.get(i)).set(row, "ordinal_position", i + 1)
                            .set(row, "position_in_unique_constraint", null);
                }
            }
            return rows.list();
        }));
        put(relations, PgRelation.of(IS, "role_table_grants", "grantor text, grantee text, table_catalog text, "
                + "table_schema text, table_name text, privilege_type text, is_grantable text, with_hierarchy text", c -> {
            PgRelation.Rows rows = new PgRelation.Rows(relations.get(IS + ".role_table_grants"));
            String owner = c.owner();
            for (PgCatalog.UserRelation r : PgCatalog.userRelations(c.catalog())) {
                for (String privilege : List.of("INSERT", "SELECT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER")) {
                    rows.row("grantor", owner, "grantee", owner, "table_catalog", c.session().database(),
                            "table_schema", r.schema(), "table_name", r.table().name(), "privilege_type", privilege,
                            "is_grantable", "YES", "with_hierarchy", privilege.equals("SELECT") ? "YES" : "NO");
                }
            }
            return rows.list();
        }));
    }

    private static void put(Map<String, PgRelation> relations, PgRelation r) {
        relations.put(r.schema() + "." + r.name(), r);
    }

    /** The type columns of information_schema.columns, as Postgres fills them for each type. */
    private static void column(PgRelation.Rows rows, Object[] row, SqlType type) {
        String dataType = switch (type.kind()) {
            case CHAR -> "character";
            case VARCHAR -> "character varying";
            case DECIMAL -> "numeric";
            case INTERVAL -> "interval";
            case BOOLEAN, SMALLINT, INTEGER, BIGINT, REAL, DOUBLE, TEXT, DATE, TIME, TIMESTAMP, TIMESTAMPTZ -> PgOids.formatType(type);
        };
        rows.set(row, "data_type", dataType);
        switch (type.kind()) {
            case CHAR, VARCHAR -> rows.set(row, "character_maximum_length", type.length())
                    .set(row, "character_octet_length", type.length() * 4);
            case TEXT -> rows.set(row, "character_octet_length", 1073741824);
            case SMALLINT -> rows.set(row, "numeric_precision", 16).set(row, "numeric_precision_radix", 2).set(row, "numeric_scale", 0);
            case INTEGER -> rows.set(row, "numeric_precision", 32).set(row, "numeric_precision_radix", 2).set(row, "numeric_scale", 0);
            case BIGINT -> rows.set(row, "numeric_precision", 64).set(row, "numeric_precision_radix", 2).set(row, "numeric_scale", 0);
            case REAL -> rows.set(row, "numeric_precision", 24).set(row, "numeric_precision_radix", 2);
            case DOUBLE -> rows.set(row, "numeric_precision", 53).set(row, "numeric_precision_radix", 2);
            case DECIMAL -> rows.set(row, "numeric_precision", type.precision()).set(row, "numeric_precision_radix", 10)
                    .set(row, "numeric_scale", type.scale());
            case DATE -> rows.set(row, "datetime_precision", 0);
            case TIME, TIMESTAMP, TIMESTAMPTZ, INTERVAL -> rows.set(row, "datetime_precision", 6);
            case BOOLEAN -> {
            }
        }
    }
}
