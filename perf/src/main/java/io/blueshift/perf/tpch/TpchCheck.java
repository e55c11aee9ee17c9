package io.blueshift.perf.tpch;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether an engine's TPC-H result is right: it must equal the reference engine's result on
 * the same data and, for the 17 queries where the answer files apply to generated data, the answer
 * file (at scale factors that have answer files).
 */
public final class TpchCheck {
    private TpchCheck() {
    }

    /** The verdict on one query; {@code detail} names every difference, or how the match was made. */
    public record Verdict(int query, boolean ok, String detail) {
    }

    /** The comparison with the answer file, or empty where no answer file applies. */
    public static Optional<ResultComparator.Comparison> againstAnswer(TpchFiles files, double scaleFactor,
            int query, QueryResult result) throws IOException {
        if (!TpchQueries.answerApplies(query)) {
            return Optional.empty();
        }
        Optional<Path> answer = files.answer(scaleFactor, query);
        if (answer.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(ResultComparator.compare(TpchQueries.name(query), AnswerFile.read(answer.get()), result));
    }

    /** Compares an engine's result with the reference engine's and both with the answer file. */
    public static Verdict verify(TpchFiles files, double scaleFactor, int query, QueryResult engine,
            QueryResult reference) throws IOException {
        List<String> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        record Check(String what, ResultComparator.Comparison comparison) {
        }
        List<Check> checks = new ArrayList<>();
        checks.add(new Check("vs reference engine",
                ResultComparator.compare(TpchQueries.name(query), reference, engine)));
        againstAnswer(files, scaleFactor, query, engine).ifPresent(c -> checks.add(new Check("vs answer file", c)));
        againstAnswer(files, scaleFactor, query, reference)
                .ifPresent(c -> checks.add(new Check("reference engine vs answer file", c)));
        for (Check check : checks) {
            if (!check.comparison.matches()) {
                problems.add(check.what + ": " + check.comparison.message());
            } else if (!check.comparison.message().endsWith(": equal")) {
                notes.add(check.what + ": " + check.comparison.message());
            }
        }
        return problems.isEmpty()
                ? new Verdict(query, true, String.join("; ", notes))
                : new Verdict(query, false, String.join("; ", problems));
    }

    /**
     * Runs all 22 queries on both connections (loaded with the same data) and checks each; a query
     * that fails on either engine gets a failed verdict naming the error, and the others still run.
     */
    public static List<Verdict> compareEngines(TpchFiles files, double scaleFactor, Connection engine,
            Connection reference) throws IOException {
        List<Verdict> verdicts = new ArrayList<>();
        for (int q = 1; q <= TpchQueries.COUNT; q++) {
            TpchQueries.Query query = TpchQueries.read(files, q);
            QueryResult mine;
            try {
                mine = TpchQueries.run(engine, query).result();
            } catch (SQLException e) {
                verdicts.add(new Verdict(q, false, query.name() + " failed on the engine: " + e.getMessage()));
                continue;
            }
            try {
                verdicts.add(verify(files, scaleFactor, q, mine, TpchQueries.run(reference, query).result()));
            } catch (SQLException e) {
                verdicts.add(new Verdict(q, false, query.name() + " failed on the reference: " + e.getMessage()));
            }
        }
        return verdicts;
    }
}
