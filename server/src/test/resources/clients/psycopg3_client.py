"""psycopg 3 against the server, one check per command line argument.

psycopg 3 sends every parameterized query with the extended protocol (Parse/Bind/Execute), and with
binary parameters and results when a cursor asks for them. Connection settings come from PGHOST,
PGPORT, PGUSER, PGPASSWORD and PGDATABASE; a failed assert or a database error ends the script
with a non-zero exit code.
"""
import datetime
import decimal
import sys

import psycopg


def queries(conn):
    with conn.cursor() as cur:
        cur.execute("create table py3_q (id int, name text, amount decimal(8,2), at timestamp, ok boolean)")
        cur.execute("insert into py3_q values (%s, %s, %s, %s, %s)",
                    (1, "one", decimal.Decimal("1.25"), datetime.datetime(2024, 1, 2, 3, 4, 5, 500000), True))
        cur.executemany("insert into py3_q (id, name) values (%s, %s)", [(2, "two"), (3, None)])
        cur.execute("select id, name, amount, at, ok from py3_q where id >= %s order by id", (1,))
        for row in cur.fetchall():
            print("text", row)
        cur.execute("select %s::int + 1, %s || 'x', %s", (41, "ab", 2.5))
        print("params", cur.fetchone())
    conn.commit()


def binary(conn):
    with conn.cursor() as cur:
        cur.execute("create table py3_b (id int, name text, amount decimal(8,2), at timestamp, ok boolean)")
        cur.execute("insert into py3_b values (1, 'one', 1.25, '2024-01-02 03:04:05.5', true), (2, 'two', null, null, null)")
    with conn.cursor(binary=True) as cur:
        cur.execute("select id, name, amount, at, ok from py3_b where id >= %s order by id", (1,))
        print("binary formats", {cur.pgresult.fformat(i) for i in range(cur.pgresult.nfields)})
        for row in cur.fetchall():
            print("binary", row)
        cur.execute("select %b::bigint * 2, %b::date, %b::double precision",
                    (21, datetime.date(2020, 2, 29), 0.5))
        print("binary params", cur.fetchone())
    conn.commit()


def copy(conn):
    with conn.cursor() as cur:
        cur.execute("create table py3_c (id int, name text)")
        with cur.copy("copy py3_c (id, name) from stdin") as copy:
            copy.write_row((1, "a\tb"))
            copy.write_row((2, None))
        print("copy in", cur.rowcount)
        rows = []
        with cur.copy("copy (select id, name from py3_c order by id) to stdout") as copy:
            for row in copy.rows():
                rows.append(row)
        print("copy out", rows)
        with cur.copy("copy py3_c (id, name) from stdin (format binary)") as copy:
            copy.set_types(["int4", "text"])
            copy.write_row((3, "binary"))
        rows = []
        with cur.copy("copy (select id, name from py3_c where id > 1 order by id) to stdout (format binary)") as copy:
            copy.set_types(["int4", "text"])
            for row in copy.rows():
                rows.append(row)
        print("binary copy out", rows)
    conn.commit()


with psycopg.connect("") as conn:
    for check in sys.argv[1:]:
        globals()[check](conn)
print("ok")
