-- The planner cost constants the advisor's own estimates use.
-- Returns: random_page_cost, seq_page_cost, cpu_tuple_cost, cpu_index_tuple_cost, cpu_operator_cost.
SELECT current_setting('random_page_cost')::float8 AS random_page_cost,
       current_setting('seq_page_cost')::float8 AS seq_page_cost,
       current_setting('cpu_tuple_cost')::float8 AS cpu_tuple_cost,
       current_setting('cpu_index_tuple_cost')::float8 AS cpu_index_tuple_cost,
       current_setting('cpu_operator_cost')::float8 AS cpu_operator_cost
