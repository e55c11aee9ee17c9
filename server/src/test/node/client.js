// node-pg against the server: a password login, simple and parameterized queries, a transaction
// and an error. Connection settings come from PGHOST, PGPORT, PGUSER, PGPASSWORD and PGDATABASE;
// a failed check or a database error ends the script with a non-zero exit code.
'use strict';
const assert = require('assert');
const { Client } = require('pg');

async function main() {
  const client = new Client();
  await client.connect();
  try {
    await client.query('create table node_items (id int, name text, price decimal(8,2), day date, ok boolean)');
    const inserted = await client.query(
      'insert into node_items values ($1, $2, $3, $4, $5), ($6, $7, $8, $9, $10)',
      [1, 'apple', '1.25', '2024-02-29', true, 2, "pear's", null, null, false]);
    console.log('insert', inserted.command, inserted.rowCount);

    const result = await client.query('select id, name, price, ok from node_items where id >= $1 order by id', [1]);
    console.log('fields', result.fields.map((f) => f.name + ':' + f.dataTypeID).join(','));
    for (const row of result.rows) {
      console.log('row', JSON.stringify(row));
    }
    const named = await client.query({ name: 'by-name', text: 'select id from node_items where name = $1', values: ['apple'] });
    const again = await client.query({ name: 'by-name', text: 'select id from node_items where name = $1', values: ["pear's"] });
    console.log('prepared', named.rows[0].id, again.rows[0].id);
    const day = await client.query('select day::text as d from node_items where id = $1', [1]);
    console.log('day', day.rows[0].d);

    await client.query('begin');
    await client.query('insert into node_items (id) values (3)');
    await assert.rejects(client.query('select 1 / 0'), (e) => {
      console.log('error', e.code, e.message);
      return true;
    });
    await client.query('rollback');
    const count = await client.query('select count(*) as n from node_items');
    console.log('count', count.rows[0].n);
  } finally {
    await client.end();
  }
  console.log('ok');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
