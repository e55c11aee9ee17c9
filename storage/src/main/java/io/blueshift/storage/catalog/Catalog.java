package io.blueshift.storage.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;

/**
 * The schemas Blueshift owns. The SQL layer presents it to the planner and to pg_catalog; names
 * are stored as Postgres stores them (unquoted identifiers already folded to lower case).
 * Thread-safe.
 */
public final class Catalog {
    /** The schema unqualified names resolve in, as in Postgres and Redshift. */
    public static final String DEFAULT_SCHEMA = "public";

    private final Map<String, SchemaDef> schemas = new LinkedHashMap<>();
    private final Map<String, UserDef> users = new LinkedHashMap<>();
    private final AtomicLong version = new AtomicLong();

    public Catalog() {
        schemas.put(DEFAULT_SCHEMA, new SchemaDef(DEFAULT_SCHEMA, this::changed));
    }

    /**
     * A number that grows with every change to the catalog (schemas, tables, views, users) and with
     * every committed change to a table's rows: what was derived from the catalog at one value
     * (a cached plan) holds while the value does.
     */
    public long version() {
        return version.get();
    }

    /** Records a change: the catalog's own changes call it, and the storage engine at every commit. */
    public void changed() {
        version.incrementAndGet();
    }

    /** The schema of that name, created empty when missing. */
    public synchronized SchemaDef schema(String name) {
        SchemaDef schema = schemas.get(name);
        if (schema == null) {
            schema = new SchemaDef(name, this::changed);
            schemas.put(name, schema);
            changed();
        }
        return schema;
    }

    /** The schema of that name, or null. */
    public synchronized SchemaDef findSchema(String name) {
        return schemas.get(name);
    }

    public synchronized SchemaDef removeSchema(String name) {
        changed();
        return schemas.remove(name);
    }

    public synchronized List<SchemaDef> schemas() {
        return List.copyOf(schemas.values());
    }

    /** The users, in the order they were created. */
    public synchronized List<UserDef> users() {
        return List.copyOf(users.values());
    }

    /** The user of that name, or null. */
    public synchronized UserDef user(String name) {
        return users.get(name);
    }

    /** Adds or replaces a user. */
    public synchronized void putUser(UserDef user) {
        users.put(user.name(), user);
        changed();
    }

    public synchronized UserDef removeUser(String name) {
        changed();
        return users.remove(name);
    }

    private volatile BiFunction<String, String, TableDef> earlier = (schema, name) -> null;

    /**
     * How names with a suffix resolve: {@code table@v12} (the table at version 12), {@code
     * table@2026-01-02 10:00:00} (at that time), {@code table@changes:3:7} (its change feed).
     */
    public void setEarlierVersions(BiFunction<String, String, TableDef> resolver) {
        this.earlier = resolver;
    }

    /** A table of another version or its change feed, named with a suffix; null when the name has none. */
    public TableDef earlier(String schema, String name) {
        return name.indexOf('@') > 0 || name.startsWith("@parquet:") || name.startsWith("@csv:") ? earlier.apply(schema, name) : null;
    }
}
