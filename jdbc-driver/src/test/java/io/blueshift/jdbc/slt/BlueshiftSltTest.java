package io.blueshift.jdbc.slt;

import java.sql.DriverManager;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The sqllogictest files on Blueshift itself, each file on a fresh in-memory database. */
class BlueshiftSltTest {
    @TestFactory
    Stream<DynamicTest> sltFiles() {
        return SltFiles.tests(new SltEngine("blueshift", () -> DriverManager.getConnection("jdbc:blueshift:mem:"), true));
    }
}
