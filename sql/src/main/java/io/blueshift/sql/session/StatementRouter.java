package io.blueshift.sql.session;

import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import io.blueshift.sql.ddl.CopyParser;
import io.blueshift.sql.ddl.Ddl;
import io.blueshift.sql.ddl.DdlParser;
import io.blueshift.sql.ddl.ExternalParser;
import io.blueshift.sql.ddl.MergeParser;
import io.blueshift.sql.ddl.UnloadParser;
import io.blueshift.sql.parser.SqlScanner;
import io.blueshift.sql.plan.SqlFrontEnd;
import java.util.Locale;
import org.apache.calcite.sql.SqlDelete;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlUpdate;

/**
 * Recognizes a statement: by its first keyword (past comments) for the statements Blueshift reads
 * itself, else by Blueshift's statement parsers (COPY, UNLOAD, MERGE, external tables, DDL), else
 * by Calcite's parser. Parse errors surface here, before the statement runs, as in Postgres.
 */
public final class StatementRouter {
    private StatementRouter() {
    }

    /** The statement in {@code sql} (one statement, without its trailing semicolons). */
    public static Statement route(String sql, StatementContext context) {
        String text = sql.substring(SqlScanner.skipSpaceAndComments(sql, 0));
        String first = Words.first(text);
        switch (first) {
            case "begin", "start" -> {
                return TransactionStatements.begin(sql);
            }
            case "commit", "end" -> {
                return TransactionStatements.commit(sql);
            }
            case "rollback", "abort" -> {
                return TransactionStatements.rollback(sql);
            }
            case "savepoint", "release" -> {
                throw new BlueshiftException(ErrorCode.FEATURE_NOT_SUPPORTED, first.toUpperCase(Locale.ROOT));
            }
            case "set" -> {
                return new Statement.SetVariable(text);
            }
            case "reset" -> {
                return new Statement.ResetVariable(text);
            }
            case "show" -> {
                return new Statement.Show(text);
            }
            case "declare" -> {
                return new Statement.DeclareCursor(text);
            }
            case "fetch", "move" -> {
                return new Statement.FetchCursor(text, first.equals("move"));
            }
            case "close" -> {
                return new Statement.CloseCursor(text);
            }
            case "explain" -> {
                return new Statement.Explain(text);
            }
            case "analyze", "analyse" -> {
                return new Statement.Analyze(text);
            }
            case "vacuum" -> {
                return new Statement.Vacuum(text);
            }
            case "restore" -> {
                return new Statement.Restore(text);
            }
            case "unload" -> {
                return new Statement.Unload(UnloadParser.parse(sql));
            }
            case "copy" -> {
                CopyParser.CopyFrom copy = CopyParser.parse(sql);
                if (copy == null) {
                    throw new BlueshiftException(ErrorCode.FEATURE_NOT_SUPPORTED,
                            "COPY with STDIN or STDOUT outside the wire protocol (psql's \\copy sends it); COPY FROM 'file'");
                }
                return new Statement.Copy(copy);
            }
            case "merge" -> {
                return new Statement.Merge(sql, MergeParser.parse(sql));
            }
            case "create" -> {
                Object external = ExternalParser.parse(sql);
                if (external != null) {
                    return new Statement.CreateExternal(external);
                }
            }
            default -> {
            }
        }
        Ddl ddl = DdlParser.parse(sql);
        if (ddl != null) {
            return new Statement.Definition(ddl);
        }
        SqlFrontEnd frontEnd = context.frontEnd();
        SqlNode parsed = frontEnd.parse(sql);
        if (parsed instanceof SqlInsert insert) {
            return new Statement.Insert(sql, insert);
        }
        if (parsed instanceof SqlDelete delete) {
            return new Statement.Delete(sql, delete);
        }
        if (parsed instanceof SqlUpdate update) {
            return new Statement.Update(sql, update);
        }
        if (!parsed.getKind().belongsTo(SqlKind.QUERY)) {
            throw new BlueshiftException(ErrorCode.FEATURE_NOT_SUPPORTED, "statement " + first.toUpperCase(Locale.ROOT));
        }
        return new Statement.Query(sql, parsed, frontEnd);
    }
}
