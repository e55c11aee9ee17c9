package io.blueshift.sql;

import io.blueshift.columnar.Batch;
import io.blueshift.sql.api.Result;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A fresh in-memory database and one session on it for each test; closing checks for leaks. */
abstract class SessionFixture {
    protected Database db;
    protected Session session;

    @BeforeEach
    void openDatabase() {
        db = Database.open("mem:");
        session = db.newSession();
    }

    @AfterEach
    void closeDatabase() {
        session.close();
        db.close();
    }

    /** The rows of {@code sql}, each a list of its column values. */
    protected List<List<Object>> resultRows(String sql) {
        List<List<Object>> out = new ArrayList<>();
        try (Result r = session.execute(sql)) {
            for (Batch next = r.next(); next != null; next = r.next()) {
                try (Batch b = next) {
                    for (int i = 0; i < b.rowCount(); i++) {
                        List<Object> row = new ArrayList<>();
                        for (int c = 0; c < b.columnCount(); c++) {
                            row.add(b.get(c, i));
                        }
                        out.add(row);
                    }
                }
            }
        }
        return out;
    }

    /** The text of {@code EXPLAIN sql}, a line per operator. */
    protected String explainText(String sql) {
        StringBuilder sb = new StringBuilder();
        for (List<Object> row : resultRows("EXPLAIN " + sql)) {
            sb.append(row.get(0)).append('\n');
        }
        return sb.toString();
    }
}
