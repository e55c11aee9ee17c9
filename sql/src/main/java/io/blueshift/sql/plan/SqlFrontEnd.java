package io.blueshift.sql.plan;

import io.blueshift.sql.api.SqlPositionException;
import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import io.blueshift.storage.catalog.Catalog;
import io.blueshift.sql.catalog.PgSession;
import io.blueshift.sql.catalog.CalciteCatalogAdapter;
import io.blueshift.storage.catalog.TableDef;
import io.blueshift.sql.parser.CastPrecedence;
import io.blueshift.sql.parser.DistinctOn;
import io.blueshift.sql.parser.ErrorTranslator;
import io.blueshift.sql.parser.FromlessSelect;
import io.blueshift.sql.parser.KeywordAliases;
import io.blueshift.sql.parser.NestingLimit;
import io.blueshift.sql.parser.PostgresColumnNames;
import io.blueshift.sql.parser.RedshiftSyntax;
import io.blueshift.sql.parser.SqlScanner;
import io.blueshift.sql.physical.ConstantFolder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.WeakHashMap;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.config.CalciteConnectionConfigImpl;
import org.apache.calcite.config.CalciteConnectionProperty;
import org.apache.calcite.config.NullCollation;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.runtime.CalciteException;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.fun.SqlLibrary;
import org.apache.calcite.sql.fun.SqlLibraryOperatorTableFactory;
import org.apache.calcite.sql.parser.SqlAbstractParserImpl;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.babel.SqlBabelParserImpl;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.sql.validate.SqlConformance;
import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.apache.calcite.sql.validate.SqlDelegatingConformance;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql2rel.SqlToRelConverter;
import org.apache.calcite.sql2rel.StandardConvertletTable;
import org.apache.calcite.tools.RelBuilder;

/**
 * Parses, validates and logically optimizes one Postgres/Redshift-dialect query against a
 * {@link Catalog}, giving an optimized Calcite {@link RelNode} tree and the result columns.
 * Identifiers behave as in Postgres: unquoted ones fold to lower case, quoted ones keep their case,
 * and names match exactly. Errors are {@link SqlPositionException}s with Postgres SQLSTATEs.
 * Not thread-safe per call state; create one per session or per query (it is cheap).
 */
public final class SqlFrontEnd {
    /** Calcite's conformance closest to Postgres habits: GROUP BY alias and ordinal, LIMIT, {@code ::}. */
    private static final SqlConformanceEnum CONFORMANCE = SqlConformanceEnum.BABEL;

    /**
     * Babel's conformance, except that every selected column must be grouped or aggregated
     * (42803), as in Postgres and Redshift; Babel, like MySQL, would pick any value of the group.
     */
    private static final SqlConformance STRICT_GROUP_BY =
            new SqlDelegatingConformance(CONFORMANCE) {
                @Override
                public boolean isNonStrictGroupBy() {
                    return false;
                }
            };

    private static final SqlParser.Config PARSER_CONFIG = SqlParser.config()
            .withParserFactory(SqlBabelParserImpl.FACTORY)
            .withConformance(CONFORMANCE)
            .withUnquotedCasing(Casing.TO_LOWER)
            .withQuotedCasing(Casing.UNCHANGED)
            .withCaseSensitive(true);

    /**
     * Functions: the standard ones, Postgres' and Redshift's, the Oracle and MySQL libraries for the
     * string and regular-expression functions Redshift shares with them, and Blueshift's own
     * (median, ...). Only the signatures come from Calcite; Blueshift evaluates them itself.
     */
    private static final SqlOperatorTable OPERATORS = CaseInsensitiveOperators.of(
            SqlOperatorTables.chain(PgOperators.TABLE,
                    ReplacedOperators.without(SqlLibraryOperatorTableFactory.INSTANCE.getOperatorTable(SqlLibrary.STANDARD,
                            SqlLibrary.POSTGRESQL, SqlLibrary.REDSHIFT, SqlLibrary.ORACLE, SqlLibrary.MYSQL, SqlLibrary.BIG_QUERY),
                            BlueshiftOperators.REPLACEMENTS),
                    BlueshiftOperators.TABLE));

    /** The parser's reserved words. */
    private static final SqlAbstractParserImpl.Metadata KEYWORDS =
            SqlParser.create("", PARSER_CONFIG).getMetadata();

    private final Catalog catalog;
    private final String defaultSchema;
    private final TableDef rowIds;
    private final PgSession session;

    /** A front end outside any session: public schema, no privileges. */
    public SqlFrontEnd(Catalog catalog) {
        this(catalog, Catalog.DEFAULT_SCHEMA, null, PgSession.nobody(catalog));
    }

    /**
     * A front end resolving unqualified table names in {@code defaultSchema} for {@code session}, in
     * which {@code rowIds} (the target of an UPDATE or DELETE; null: none) has one more column,
     * {@link CalciteCatalogAdapter#ROW_ID}, that names each row of the version a scan reads.
     */
    public SqlFrontEnd(Catalog catalog, String defaultSchema, TableDef rowIds, PgSession session) {
        this.catalog = catalog;
        this.defaultSchema = defaultSchema;
        this.rowIds = rowIds;
        this.session = session;
    }

    /**
     * Parses one statement, optionally ended by semicolons as psql sends it; syntax errors are 42601
     * with the position of the offending token. Calcite's single-statement entry rejects a trailing
     * semicolon, so this parses a statement list and requires exactly one.
     */
    public SqlNode parse(String sql) {
        SqlNodeList statements;
        FromlessSelect.Rewritten fromless = null;
        try {
            SqlScanner.checkTerminated(sql);
            NestingLimit.checkText(sql);
            String normalized = DistinctOn.mark(RedshiftSyntax.normalize(sql));
            normalized = KeywordAliases.quote(normalized, KEYWORDS);
            normalized = CastPrecedence.parenthesize(normalized);
            try {
                statements = SqlParser.create(normalized, PARSER_CONFIG).parseStmtList();
            } catch (SqlParseException e) {
                fromless = FromlessSelect.addFrom(normalized);
                if (fromless == null) {
                    throw e;
                }
                try {
                    statements = SqlParser.create(fromless.sql(), PARSER_CONFIG).parseStmtList();
                } catch (SqlParseException stillWrong) {
                    throw e;
                }
            }
        } catch (SqlParseException e) {
            throw ErrorTranslator.syntax(sql, e);
        }
        if (statements.size() != 1) {
            throw new SqlPositionException(ErrorCode.SYNTAX_ERROR, 0, null,
                    statements.isEmpty() ? "empty query" : "expected one statement, found " + statements.size());
        }
        NestingLimit.checkParsed(statements.get(0));
        DistinctOn.rewrite(statements.get(0), sql);
        PostgresFunctions.rewrite(statements.get(0));
        if (fromless != null) {
            FROMLESS.put(statements.get(0), fromless);
        }
        return statements.get(0);
    }

    /**
     * Statements parsed with FROM clauses written in ({@link FromlessSelect}), so that a validation
     * error's column is mapped back to the statement as written. Weak: a statement no one plans
     * any more goes.
     */
    private static final Map<SqlNode, FromlessSelect.Rewritten> FROMLESS =
            Collections.synchronizedMap(new WeakHashMap<>());

    /** The validation error with its columns in the statement as written. */
    private static CalciteContextException asWritten(SqlNode parsed, CalciteContextException e) {
        FromlessSelect.Rewritten fromless = FROMLESS.get(parsed);
        if (fromless != null) {
            e.setPosition(e.getPosLine(), fromless.column(e.getPosLine(), e.getPosColumn()),
                    e.getEndPosLine(), fromless.column(e.getEndPosLine(), e.getEndPosColumn()));
        }
        return e;
    }

    /** Parses, validates and optimizes a query (SELECT, WITH, VALUES, set operations). */
    public PlannedQuery plan(String sql) {
        return plan(sql, parse(sql));
    }

    /** Validates and optimizes an already parsed query of the statement text {@code sql}. */
    public PlannedQuery plan(String sql, SqlNode parsed) {
        if (!parsed.getKind().belongsTo(SqlKind.QUERY)) {
            throw new BlueshiftException(ErrorCode.FEATURE_NOT_SUPPORTED, "statement " + parsed.getKind());
        }
        List<String> resultNames = PostgresColumnNames.apply(parsed);
        JavaTypeFactoryImpl typeFactory = new BlueshiftTypeFactory();
        boolean[] madeNow = {false};
        CalciteCatalogReader catalogReader = new CalciteCatalogReader(
                CalciteCatalogAdapter.rootSchema(catalog, rowIds, session, () -> madeNow[0] = true),
                List.of(defaultSchema), typeFactory, connectionConfig());
        SqlValidator validator = newValidator(catalogReader, typeFactory);
        SqlNode validated = validate(sql, validator, parsed);
        RelDataType resultType = validator.getValidatedNodeType(validated);

        HepPlanner clusterPlanner = new HepPlanner(HepProgram.builder().build());
        // Constant reduction evaluates through the cluster planner's executor; without one set,
        // ReduceExpressionsRule leaves expressions such as 1 + 1 = 2 alone.
        clusterPlanner.setExecutor(new ConstantFolder(session));
        RelOptCluster cluster = RelOptCluster.create(clusterPlanner, new BlueshiftRexBuilder(typeFactory));
        cluster.setMetadataProvider(BlueshiftMetadata.PROVIDER);
        SqlToRelConverter converter = converter(validator, catalogReader, cluster);
        RelRoot root;
        RelNode rel;
        int depth;
        LogicalOptimizer optimizer = new LogicalOptimizer();
        try {
            root = converter.convertQuery(validated, false, true);
            depth = NestingLimit.checkPlan(root.rel);
            RelBuilder relBuilder = RelFactories.LOGICAL_BUILDER.create(cluster, catalogReader);
            rel = optimizer.optional("field trimming", root.project(), r -> converter.trimUnusedFields(true, r));
            rel = optimizer.optimize(rel, relBuilder);
        } catch (CalciteContextException e) {
            throw ErrorTranslator.validation(sql, asWritten(parsed, e));
        } catch (RuntimeException | AssertionError e) {
            if (!CalciteFailures.inside(e)) {
                throw e;
            }
            throw unsupportedShape(e);
        }

        List<String> names = new ArrayList<>();
        List<RelDataType> types = new ArrayList<>();
        for (RelDataTypeField field : resultType.getFieldList()) {
            names.add(field.getName());
            types.add(field.getType());
        }
        if (resultNames != null && resultNames.size() == names.size()) {
            names = resultNames;
        }
        List<RelDataType> parameterTypes = new ArrayList<>();
        for (RelDataTypeField field : validator.getParameterRowType(validated).getFieldList()) {
            parameterTypes.add(field.getType());
        }
        boolean cacheable = rowIds == null && !madeNow[0] && PlanCache.stable(rel);
        return new PlannedQuery(rel, names, types, optimizer.firedRules(), parameterTypes, depth, cacheable);
    }

    /**
     * A query that passed validation but that the relational translation or the decorrelator cannot
     * take (a sub-query inside an aggregate's argument, some correlated shapes): 0A000 naming what
     * failed, not an internal error. The engine's own errors found on the way (a constant that
     * overflows, a division by zero folded early) pass through as they are.
     */
    private static BlueshiftException unsupportedShape(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BlueshiftException b) {
                return b;
            }
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String what = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return new BlueshiftException(ErrorCode.FEATURE_NOT_SUPPORTED, e,
                "this form of query (the planner could not translate it: " + what + ")");
    }

    private SqlValidator newValidator(CalciteCatalogReader catalogReader, JavaTypeFactoryImpl typeFactory) {
        // The catalog reader is an operator table too: it holds the table functions (generate_series ...).
        return new BlueshiftValidator(
                SqlOperatorTables.chain(OPERATORS, catalogReader), catalogReader, typeFactory,
                SqlValidator.Config.DEFAULT
                        .withConformance(STRICT_GROUP_BY)
                        .withIdentifierExpansion(true)
                        .withDefaultNullCollation(NullCollation.HIGH)
                        .withTypeCoercionFactory(PostgresCoercion::new));
    }

    private SqlToRelConverter converter(SqlValidator validator, CalciteCatalogReader catalogReader,
            RelOptCluster cluster) {
        return new SqlToRelConverter(
                (rowType, queryString, schemaPath, viewPath) ->
                        expandView(rowType, queryString, catalogReader, cluster),
                validator, catalogReader, cluster, StandardConvertletTable.INSTANCE,
                SqlToRelConverter.config()
                        .withTrimUnusedFields(true)
                        .withExpand(false)
                        .withInSubQueryThreshold(Integer.MAX_VALUE));
    }

    /** A view's query, planned in the referencing query's cluster and renamed to the view's columns. */
    private RelRoot expandView(RelDataType rowType, String viewSql, CalciteCatalogReader catalogReader,
            RelOptCluster cluster) {
        SqlNode parsed = parse(viewSql);
        if (parsed instanceof SqlOrderBy orderBy && orderBy.fetch == null && orderBy.offset == null) {
            // A view's rows have no order (only the query using it orders); converting a sort over
            // a QUALIFY (DISTINCT ON) in a view trips an assertion in Calcite.
            parsed = orderBy.query;
        }
        PostgresColumnNames.apply(parsed);
        SqlValidator validator = newValidator(catalogReader, (JavaTypeFactoryImpl) cluster.getTypeFactory());
        SqlNode validated = validate(viewSql, validator, parsed);
        RelRoot root = converter(validator, catalogReader, cluster).convertQuery(validated, true, false);
        RelNode renamed = RelOptUtil.createRename(root.project(), rowType.getFieldNames());
        return RelRoot.of(renamed, SqlKind.SELECT);
    }

    /** The optimized plan as text (EXPLAIN). */
    public String explain(String sql) {
        return plan(sql).explain();
    }

    private static SqlNode validate(String sql, SqlValidator validator, SqlNode parsed) {
        try {
            return validator.validate(parsed);
        } catch (CalciteContextException e) {
            throw ErrorTranslator.validation(sql, asWritten(parsed, e));
        } catch (CalciteException e) {
            throw ErrorTranslator.unpositioned(e);
        } catch (RuntimeException e) {
            if (!(e instanceof BlueshiftException) && CalciteFailures.inside(e)) {
                throw unsupportedShape(e); // e.g. "x IN (list) || y", whose list Calcite cannot type
            }
            throw e;
        }
    }

    private static CalciteConnectionConfig connectionConfig() {
        Properties properties = new Properties();
        properties.setProperty(CalciteConnectionProperty.CASE_SENSITIVE.camelName(), "true");
        properties.setProperty(CalciteConnectionProperty.UNQUOTED_CASING.camelName(), Casing.TO_LOWER.name());
        properties.setProperty(CalciteConnectionProperty.QUOTED_CASING.camelName(), Casing.UNCHANGED.name());
        properties.setProperty(CalciteConnectionProperty.CONFORMANCE.camelName(), CONFORMANCE.name());
        return new CalciteConnectionConfigImpl(properties);
    }
}
