package io.blueshift.sql;

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
}
