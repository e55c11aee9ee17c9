package io.blueshift.sql.session;

import io.blueshift.sql.ddl.CopyParser;
import io.blueshift.sql.ddl.Ddl;
import io.blueshift.sql.ddl.MergeParser;
import io.blueshift.sql.ddl.UnloadParser;
import io.blueshift.sql.plan.SqlFrontEnd;
import java.util.Map;
import org.apache.calcite.sql.SqlDelete;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlUpdate;

/**
 * One statement as {@link StatementRouter} recognized it, parsed as far as its family needs: the
 * session runs it with one exhaustive switch, so a new kind of statement does not compile until
 * the session knows how to run it. Statements whose own command reads their text (SET, DECLARE,
 * VACUUM ...) carry the text, from their first keyword on.
 */
public sealed interface Statement {
    /**
     * BEGIN or START TRANSACTION, with the settings its modes give the block
     * ({@code transaction_read_only}, {@code transaction_isolation}, {@code transaction_deferrable}).
     */
    record Begin(Map<String, String> modes) implements Statement {
    }

    /** COMMIT or END; {@code chain}: AND CHAIN, a new block with the same modes follows. */
    record Commit(boolean chain) implements Statement {
    }

    /** ROLLBACK or ABORT; {@code chain}: AND CHAIN. */
    record Rollback(boolean chain) implements Statement {
    }

    record SetVariable(String text) implements Statement {
    }

    record ResetVariable(String text) implements Statement {
    }

    /** SHOW of a setting, or Redshift's SHOW TABLES / COLUMNS / SCHEMAS. */
    record Show(String text) implements Statement {
    }

    record DeclareCursor(String text) implements Statement {
    }

    /** FETCH, or MOVE when {@code move}. */
    record FetchCursor(String text, boolean move) implements Statement {
    }

    record CloseCursor(String text) implements Statement {
    }

    record Explain(String text) implements Statement {
    }

    record Analyze(String text) implements Statement {
    }

    record Vacuum(String text) implements Statement {
    }

    record Restore(String text) implements Statement {
    }

    /** CREATE EXTERNAL SCHEMA or CREATE EXTERNAL TABLE, as {@code ExternalParser} parsed it. */
    record CreateExternal(Object definition) implements Statement {
    }

    record Unload(UnloadParser.Unload unload) implements Statement {
    }

    record Copy(CopyParser.CopyFrom copy) implements Statement {
    }

    record Merge(String text, MergeParser.Merge merge) implements Statement {
    }

    /** CREATE, ALTER, DROP, TRUNCATE, user management and the other statements {@code DdlParser} knows. */
    record Definition(Ddl ddl) implements Statement {
    }

    record Insert(String text, SqlInsert insert) implements Statement {
    }

    record Delete(String text, SqlDelete delete) implements Statement {
    }

    record Update(String text, SqlUpdate update) implements Statement {
    }

    /** SELECT, VALUES, WITH and set operations, with the front end that parsed them. */
    record Query(String text, SqlNode query, SqlFrontEnd frontEnd) implements Statement {
    }
}
