-- The training run behind the JVM's ahead-of-time cache (./blueshift makes it once per build):
-- the statements a session usually starts with, so their classes come loaded and linked and their
-- hot methods come with profiles. Runs on a throwaway database directory.
create table facts as
  select g as id, g % 7 as grp, cast(g % 1000 as decimal(12,2)) * 1.5 as amount, date '2024-01-01' + g % 365 as day,
         'item ' || (g % 97) as label
  from generate_series(1, 100000) as s(g);
create table dims as select g as grp, 'group ' || g as name from generate_series(0, 6) as s(g);
select 1;
select count(*), sum(amount), avg(amount), min(day), max(day) from facts;
select grp, count(*), sum(amount * (1 - 0.05)), sum(amount * (1 - 0.05) * (1 + 0.1)) from facts where day <= date '2024-10-01' group by grp order by grp;
select sum(amount * 0.1) from facts where day >= date '2024-02-01' and day < date '2024-03-01' and amount between 10 and 500 and grp < 4;
select d.name, count(*), sum(f.amount) from facts f join dims d on f.grp = d.grp group by d.name order by 2 desc, 1 limit 5;
select label, count(distinct grp) from facts group by label order by label limit 3;
select id, amount, rank() over (partition by grp order by amount desc) from facts where id < 2000 order by id limit 5;
select * from facts where label like 'item 1%' and id in (select id from facts where grp = 3) order by id limit 5;
select grp, sum(amount) from facts group by grp having sum(amount) > 1000 union all select -1, 0 order by 1;
select count(*) from facts f where exists (select 1 from dims d where d.grp = f.grp and d.name <> 'group 2');
select extract(month from day), count(*) from facts group by 1 order by 1;
explain analyze select grp, sum(amount) from facts group by grp;
select count(*), sum(amount) from facts;
select grp, count(*), sum(amount * (1 - 0.05)) from facts where day <= date '2024-10-01' group by grp order by grp;
select d.name, sum(f.amount) from facts f join dims d on f.grp = d.grp group by d.name order by 1;
