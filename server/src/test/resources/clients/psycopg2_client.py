"""psycopg2 against the server, one check per command line argument.

Connection settings come from PGHOST, PGPORT, PGUSER, PGPASSWORD and PGDATABASE. Each check prints
lines the Java test compares; a failed assert or a database error ends the script with a non-zero
exit code and the traceback on stderr.
"""
import decimal
import io
import sys

import psycopg2
import psycopg2.errors


def queries(conn):
    cur = conn.cursor()
    print("server_version", conn.server_version // 10000)
    cur.execute("create table py2_q (id int, name varchar(20), amount decimal(8,2), day date)")
    cur.execute("insert into py2_q values (%s, %s, %s, %s)", (1, "it's", decimal.Decimal("1.50"), "2024-02-29"))
    cur.executemany("insert into py2_q (id, name) values (%(id)s, %(name)s)",
                    [{"id": i, "name": "n%d" % i} for i in range(2, 6)])
    print("executemany rowcount", cur.rowcount)
    conn.commit()
    cur.execute("select id, name, amount, day from py2_q where id = %s", (1,))
    row = cur.fetchone()
    print("row", row[0], row[1], repr(row[2]), repr(row[3]))
    cur.execute("select count(*), sum(id) from py2_q where name like %s", ("n%",))
    print("count", cur.fetchone())
    cur.execute("select name from py2_q where id in %s order by id", ((2, 3),))
    print("in", cur.fetchall())
    print("description", [(d.name, d.type_code) for d in cur.description])
    conn.commit()


def named_cursor(conn):
    cur = conn.cursor()
    cur.execute("create table py2_n as select * from (values (1), (2), (3), (4), (5), (6), (7)) v (id)")
    conn.commit()
    # DECLARE ... CURSOR, then FETCH FORWARD itersize until a short batch
    named = conn.cursor("big")
    named.itersize = 3
    named.execute("select id from py2_n order by id")
    print("named", [r[0] for r in named])
    named.close()
    conn.commit()


def transactions(conn):
    cur = conn.cursor()
    cur.execute("create table py2_t (id int)")
    conn.commit()
    try:
        cur.execute("select 1 / 0")
        raise AssertionError("no error")
    except psycopg2.errors.DivisionByZero as e:
        print("error", e.pgcode, e.diag.message_primary)
    try:
        cur.execute("select 1")
        raise AssertionError("no error")
    except psycopg2.errors.InFailedSqlTransaction as e:
        print("aborted", e.pgcode)
    conn.rollback()
    cur.execute("insert into py2_t values (100)")
    conn.rollback()
    cur.execute("insert into py2_t values (1)")
    conn.commit()
    cur.execute("select id from py2_t")
    print("after rollback", cur.fetchall())
    conn.commit()
    conn.autocommit = True
    cur.execute("insert into py2_t values (2)")
    print("status", conn.get_transaction_status() == psycopg2.extensions.TRANSACTION_STATUS_IDLE)


def copy(conn):
    cur = conn.cursor()
    cur.execute("create table py2_c (id int, name text, amount decimal(8,2))")
    cur.copy_expert("copy py2_c from stdin with (format csv, header)",
                    io.StringIO('id,name,amount\n7,"x, y",7.25\n8,,\n'))
    print("copy in", cur.rowcount)
    cur.copy_from(io.StringIO("9\ttab\\there\t\\N\n"), "py2_c")
    out = io.StringIO()
    cur.copy_expert("copy (select id, name, amount from py2_c order by id) to stdout with (format csv)", out)
    print("copy out", repr(out.getvalue()))
    conn.commit()


conn = psycopg2.connect("")
for check in sys.argv[1:]:
    globals()[check](conn)
conn.close()
print("ok")
