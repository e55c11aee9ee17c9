"""asyncpg against the server, one check per command line argument.

asyncpg prepares every statement, takes the parameter types from the server's ParameterDescription
and reads every value in binary. Connection settings come from PGHOST, PGPORT, PGUSER, PGPASSWORD
and PGDATABASE; a failed assert or a database error ends the script with a non-zero exit code.
"""
import asyncio
import datetime
import decimal
import sys

import asyncpg


async def fetch(conn):
    await conn.execute("create table apg_f (id int, name text, amount decimal(8,2), day date, at timestamp,"
                       " ratio double precision, ok boolean, big bigint)")
    await conn.execute("insert into apg_f values (1, 'one', 1.25, '2024-02-29', '2024-01-02 03:04:05.5', 0.5, true,"
                       " 9000000000), (2, 'two', -3.5, null, null, null, false, null)")
    for row in await conn.fetch("select * from apg_f where id >= $1 and name <> $2 order by id", 1, "none"):
        print("row", tuple(row.values()))
    print("types", [a.name for a in (await conn.prepare("select * from apg_f where id = $1")).get_parameters()])
    print("val", await conn.fetchval("select $1::int * 2 + $2", 20, 2))
    print("val", await conn.fetchval("select amount from apg_f where day = $1", datetime.date(2024, 2, 29)))
    print("val", await conn.fetchval("select $1 || name from apg_f where id = $2", "n:", 2))
    await conn.executemany("insert into apg_f (id, amount) values ($1, $2)",
                           [(3, decimal.Decimal("0.01")), (4, decimal.Decimal("12345.67"))])
    print("sum", await conn.fetchval("select sum(amount) from apg_f"))


async def transaction(conn):
    await conn.execute("create table apg_t (id int)")
    try:
        async with conn.transaction():
            await conn.execute("insert into apg_t values (1)")
            await conn.fetchval("select 1 / 0")
    except asyncpg.DivisionByZeroError as e:
        print("error", e.sqlstate)
    async with conn.transaction():
        await conn.execute("insert into apg_t values (2)")
    print("rows", [r["id"] for r in await conn.fetch("select id from apg_t")])


async def copy(conn):
    await conn.execute("create table apg_c (id int, name text)")
    result = await conn.copy_records_to_table("apg_c", records=[(1, "a"), (2, None), (3, "c, d")])
    print("copy", result)
    print("rows", [tuple(r.values()) for r in await conn.fetch("select * from apg_c order by id")])


async def main():
    conn = await asyncpg.connect()
    try:
        for check in sys.argv[1:]:
            await globals()[check](conn)
    finally:
        await conn.close()
    print("ok")


asyncio.run(main())
