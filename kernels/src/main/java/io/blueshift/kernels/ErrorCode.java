package io.blueshift.kernels;

/**
 * Every error Blueshift reports, with its SQLSTATE and category. The code is chosen where the
 * error is thrown, never guessed later at a wire or driver boundary. It lives in the lowest
 * module so that kernels can raise arithmetic errors with the right SQLSTATE.
 */
public enum ErrorCode {
    NUMERIC_VALUE_OUT_OF_RANGE("22003", Category.USER, "%s out of range"),
    DIVISION_BY_ZERO("22012", Category.USER, "division by zero"),
    INVALID_NTILE_ARGUMENT("22014", Category.USER, "argument of ntile must be greater than zero"),
    INVALID_PARAMETER_VALUE("22023", Category.USER, "%s"),
    NULL_VALUE_NOT_ALLOWED("22004", Category.USER, "%s"),
    STRING_DATA_RIGHT_TRUNCATION("22001", Category.USER, "value too long for type %s"),
    INVALID_DATETIME_FORMAT("22007", Category.USER, "invalid input syntax for type %s: \"%s\""),
    INVALID_TEXT_REPRESENTATION("22P02", Category.USER, "invalid input syntax for type %s: \"%s\""),
    DATETIME_FIELD_OVERFLOW("22008", Category.USER, "%s out of range"),
    UNDEFINED_OBJECT("42704", Category.USER, "%s"),
    FEATURE_NOT_SUPPORTED("0A000", Category.USER, "%s is not supported"),
    OUT_OF_MEMORY("53200", Category.RESOURCE,
            "query needs more memory than its limit of %d bytes (query_memory_limit; %d bytes in use, %d requested)"),
    OUT_OF_SHARED_MEMORY("53200", Category.RESOURCE,
            "queries together need more memory than the database's memory_limit of %d bytes (%d bytes in use by all, %d requested)"),
    INTERNAL_ERROR("XX000", Category.INTERNAL, "internal error (this is a bug): %s"),
    INVALID_ESCAPE_SEQUENCE("22025", Category.USER, "%s"),
    SYNTAX_ERROR("42601", Category.USER, "%s"),
    UNDEFINED_TABLE("42P01", Category.USER, "relation \"%s\" does not exist"),
    UNDEFINED_COLUMN("42703", Category.USER, "column \"%s\" does not exist"),
    AMBIGUOUS_COLUMN("42702", Category.USER, "column reference \"%s\" is ambiguous"),
    DATATYPE_MISMATCH("42804", Category.USER, "%s"),
    UNDEFINED_FUNCTION("42883", Category.USER, "%s"),
    QUERY_CANCELED("57014", Category.USER, "canceling statement due to user request"),
    STATEMENT_TIMEOUT("57014", Category.USER, "canceling statement due to statement timeout"),
    NOT_NULL_VIOLATION("23502", Category.USER, "null value in column \"%s\" of relation \"%s\" violates not-null constraint"),
    CARDINALITY_VIOLATION("21000", Category.USER, "%s"),
    DUPLICATE_TABLE("42P07", Category.USER, "relation \"%s\" already exists"),
    DUPLICATE_SCHEMA("42P06", Category.USER, "schema \"%s\" already exists"),
    DUPLICATE_COLUMN("42701", Category.USER, "column \"%s\" of relation \"%s\" already exists"),
    INVALID_SCHEMA_NAME("3F000", Category.USER, "schema \"%s\" does not exist"),
    DEPENDENT_OBJECTS_STILL_EXIST("2BP01", Category.USER, "%s"),
    WRONG_OBJECT_TYPE("42809", Category.USER, "%s"),
    INVALID_CURSOR_STATE("24000", Category.USER, "%s"),
    CONNECTION_DOES_NOT_EXIST("08003", Category.USER, "%s"),
    CONNECTION_EXCEPTION("08001", Category.USER, "%s"),
    INVALID_COLUMN_REFERENCE("42P10", Category.USER, "%s"),
    WINDOWING_ERROR("42P20", Category.USER, "%s"),
    DUPLICATE_ALIAS("42712", Category.USER, "%s"),
    GROUPING_ERROR("42803", Category.USER, "%s"),
    INVALID_ROW_COUNT("2201W", Category.USER, "%s"),
    INVALID_OFFSET_ROW_COUNT("2201X", Category.USER, "%s"),
    SUBSTRING_ERROR("22011", Category.USER, "%s"),
    CANNOT_COERCE("42846", Category.USER, "%s"),
    UNIQUE_VIOLATION("23505", Category.USER, "duplicate key value violates unique constraint \"%s\""),
    /** CREATE UNIQUE INDEX or ADD PRIMARY KEY over rows that repeat a key. */
    UNIQUE_INDEX_DUPLICATES("23505", Category.USER, "could not create unique index \"%s\""),
    /** ADD PRIMARY KEY over a column that holds NULLs. */
    COLUMN_CONTAINS_NULLS("23502", Category.USER, "column \"%s\" of relation \"%s\" contains null values"),
    INVALID_TABLE_DEFINITION("42P16", Category.USER, "%s"),
    INVALID_FOREIGN_KEY("42830", Category.USER, "%s"),
    INVALID_ARGUMENT_FOR_LOG("2201E", Category.USER, "%s"),
    INVALID_ARGUMENT_FOR_POWER("2201F", Category.USER, "%s"),
    INVALID_REGULAR_EXPRESSION("2201B", Category.USER, "%s"),
    PROGRAM_LIMIT_EXCEEDED("54000", Category.USER, "%s"),
    /** Nesting deeper than the parser and planner accept (Postgres' max_stack_depth check). */
    STATEMENT_TOO_DEEP("54001", Category.USER, "stack depth limit exceeded: %s"),
    OBJECT_IN_USE("55006", Category.USER, "%s"),
    OBJECT_NOT_IN_PREREQUISITE_STATE("55000", Category.USER, "%s"),
    ACTIVE_SQL_TRANSACTION("25001", Category.USER, "%s"),
    NO_ACTIVE_SQL_TRANSACTION("25P01", Category.USER, "%s"),
    READ_ONLY_SQL_TRANSACTION("25006", Category.USER, "cannot execute %s in a read-only transaction"),
    CANT_CHANGE_RUNTIME_PARAM("55P02", Category.USER, "%s"),
    SERIALIZATION_FAILURE("40001", Category.USER, "could not serialize access due to concurrent update: %s"),
    IN_FAILED_SQL_TRANSACTION("25P02", Category.USER,
            "current transaction is aborted, commands ignored until end of transaction block"),
    IO_ERROR("58030", Category.RESOURCE, "could not %s: %s"),
    DATA_CORRUPTED("XX001", Category.INTERNAL, "%s"),
    INSUFFICIENT_PRIVILEGE("42501", Category.USER, "%s"),
    DUPLICATE_OBJECT("42710", Category.USER, "%s"),
    INVALID_PASSWORD("28P01", Category.USER, "password authentication failed for user \"%s\""),
    INVALID_AUTHORIZATION_SPECIFICATION("28000", Category.USER, "%s"),
    PROTOCOL_VIOLATION("08P01", Category.USER, "%s"),
    INVALID_CATALOG_NAME("3D000", Category.USER, "database \"%s\" does not exist"),
    DUPLICATE_PREPARED_STATEMENT("42P05", Category.USER, "prepared statement \"%s\" already exists"),
    INVALID_SQL_STATEMENT_NAME("26000", Category.USER, "prepared statement \"%s\" does not exist"),
    INVALID_CURSOR_NAME("34000", Category.USER, "%s"),
    DUPLICATE_CURSOR("42P03", Category.USER, "cursor \"%s\" already exists"),
    ADMIN_SHUTDOWN("57P01", Category.RESOURCE, "terminating connection due to administrator command"),
    TOO_MANY_CONNECTIONS("53300", Category.RESOURCE, "sorry, too many clients already"),
    QUERY_CANCELED_COPY("57014", Category.USER, "COPY from stdin failed: %s"),
    BAD_COPY_FILE_FORMAT("22P04", Category.USER, "%s"),
    INVALID_BINARY_REPRESENTATION("22P03", Category.USER, "incorrect binary data format: %s"),
    UNDEFINED_FILE("58P01", Category.USER, "could not open \"%s\": no such file or directory"),
    CHARACTER_NOT_IN_REPERTOIRE("22021", Category.USER, "%s"),
    DUPLICATE_FILE("58P02", Category.USER, "%s");

    /** Who is at fault, which decides how the error is logged and whether a retry can help. */
    public enum Category { USER, INTERNAL, RESOURCE }

    private final String sqlState;
    private final Category category;
    private final String template;

    ErrorCode(String sqlState, Category category, String template) {
        this.sqlState = sqlState;
        this.category = category;
        this.template = template;
    }

    public String sqlState() {
        return sqlState;
    }

    public Category category() {
        return category;
    }

    public String template() {
        return template;
    }
}
