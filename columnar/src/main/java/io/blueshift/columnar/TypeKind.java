package io.blueshift.columnar;

/** The SQL type families Blueshift stores and computes on. */
public enum TypeKind {
    BOOLEAN,
    SMALLINT,
    INTEGER,
    BIGINT,
    REAL,
    DOUBLE,
    DECIMAL,
    CHAR,
    VARCHAR,
    TEXT,
    DATE,
    TIME,
    TIMESTAMP,
    TIMESTAMPTZ,
    INTERVAL
}
