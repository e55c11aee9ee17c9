package io.blueshift.server.shell;

import java.time.Instant;
import org.jline.reader.impl.history.DefaultHistory;

/**
 * A history that keeps whole statements rather than single lines, so that the up arrow brings
 * back a multi-line query in one piece, as in psql. The line reader's own per-line additions are
 * ignored; the shell adds each statement once its last line has been read.
 */
final class StatementHistory extends DefaultHistory {
    private boolean adding;

    @Override
    public void add(Instant time, String line) {
        if (adding) {
            super.add(time, line);
        }
    }

    void addStatement(String text) {
        adding = true;
        try {
            super.add(Instant.now(), text);
        } finally {
            adding = false;
        }
    }
}
