package io.blueshift.server.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CommandTagTest {
    @Test
    void tagsFollowPostgres() {
        assertEquals("INSERT 0 3", CommandTag.of("insert into t values (1), (2), (3)", 3));
        assertEquals("UPDATE 0", CommandTag.of("UPDATE t SET a = 1 WHERE false", 0));
        assertEquals("DELETE 7", CommandTag.of("/* purge */ -- old rows\ndelete from t", 7));
        assertEquals("DELETE 2", CommandTag.of("/* outer /* nested */ update */ delete from t", 2),
                "comments nest, as in Postgres");
        assertEquals("CREATE TABLE", CommandTag.of("create table if not exists t (a int)", 0));
        assertEquals("CREATE VIEW", CommandTag.of("create or replace view v as select 1", 0));
        assertEquals("CREATE TABLE", CommandTag.of("create temporary table t(a int)", -1));
        assertEquals("CREATE INDEX", CommandTag.of("create unique index i on t(a)", 0));
        assertEquals("CREATE MATERIALIZED VIEW", CommandTag.of("create materialized view m as select 1", 0));
        assertEquals("DROP TABLE", CommandTag.of("drop table if exists t", 0));
        assertEquals("ALTER TABLE", CommandTag.of("alter table t add column b int", 0));
        assertEquals("TRUNCATE TABLE", CommandTag.of("truncate t", 0));
        assertEquals("BEGIN", CommandTag.of("begin", 0));
        assertEquals("SET", CommandTag.of("set search_path = x", 0));
    }
}
