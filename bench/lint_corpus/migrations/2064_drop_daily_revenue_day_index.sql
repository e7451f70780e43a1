DROP INDEX daily_revenue_day;
