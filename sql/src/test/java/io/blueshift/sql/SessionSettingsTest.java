package io.blueshift.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.blueshift.columnar.Batch;
import io.blueshift.sql.api.Result;
import org.junit.jupiter.api.Test;

/**
 * What a server reads back with {@link Session#setting} to report parameters to clients, the
 * command tags of SET and RESET, and SHOW's column names.
 */
class SessionSettingsTest extends SessionFixture {
    private String tag(String sql) {
        try (Result r = session.execute(sql)) {
            return r.commandTag();
        }
    }

    @Test
    void serverReadsSettingsByLowerCaseName() {
        assertEquals("ISO, MDY", session.setting("datestyle"));
        assertEquals("UTC", session.setting("timezone"));
        assertEquals("postgres", session.setting("intervalstyle"));
        assertEquals("", session.setting("application_name"));
        assertNull(session.setting("user"));
        assertEquals("SET", tag("SET TimeZone TO 'America/New_York'"));
        assertEquals("SET", tag("set application_name = 'psql'"));
        assertEquals("America/New_York", session.setting("timezone"));
        assertEquals("psql", session.setting("APPLICATION_NAME"));
        assertEquals("RESET", tag("reset timezone"));
        assertEquals("UTC", session.setting("TimeZone"));
        // a startup packet's search_path=a,b arrives as one string
        assertEquals("SET", tag("set search_path = 's1,public'"));
        assertEquals("s1, public", session.setting("search_path"));
    }

    @Test
    void showNamesItsColumnAsPostgresSpellsTheParameter() {
        try (Result r = session.execute("show timezone")) {
            assertEquals("TimeZone", r.columns().getFirst().name());
        }
        try (Result r = session.execute("SHOW TRANSACTION ISOLATION LEVEL")) {
            assertEquals("transaction_isolation", r.columns().getFirst().name());
            Batch b = r.next();
            assertEquals("repeatable read", b.get(0, 0).toString());
        }
        try (Result r = session.execute("show all")) {
            assertEquals(3, r.columns().size());
            assertEquals("description", r.columns().get(2).name());
        }
    }
}
