-- CMS hot query: responses per UTC day to one questionnaire over the last N whole UTC days
-- including today (day, responses, respondents), for the sociologist's dashboard.
-- Closed days come from the rollup questionnaire_responses_daily (revision 0003, refreshed by
-- `pgwarden maintain refresh`); the days it does not hold yet for this questionnaire (from the
-- day after its latest rolled-up day, or the window's start when it has none: today, and every
-- day since the last refresh) are aggregated live from responses. So the result equals the raw
-- aggregate over responses however stale the rollup is, with one exception: a response committed
-- late with a created_at inside a day already rolled up (a back-dated import, a transaction open
-- across midnight) appears at the next refresh.
-- The tail's start is a scalar subquery (an InitPlan), so it bounds the index scan on responses
-- (question_id, created_at) instead of filtering the questionnaire's every response.
SELECT d.day, d.responses, d.respondents
FROM questionnaire_responses_daily d
WHERE d.questionnaire_id = %(questionnaire_id)s
  AND d.day >= (now() AT TIME ZONE 'UTC')::date - %(since_days)s::integer
UNION ALL
SELECT (r.created_at AT TIME ZONE 'UTC')::date, count(*), count(DISTINCT r.user_id)
FROM question_groups g
JOIN questions q ON q.group_id = g.id
JOIN responses r ON r.question_id = q.id
WHERE g.questionnaire_id = %(questionnaire_id)s
  AND r.created_at >= greatest(
      (now() AT TIME ZONE 'UTC')::date - %(since_days)s::integer,
      -- the questionnaire's watermark: the day after its latest rolled-up day (unique index)
      (SELECT max(w.day) + 1 FROM questionnaire_responses_daily w
       WHERE w.questionnaire_id = %(questionnaire_id)s))::timestamp AT TIME ZONE 'UTC'
GROUP BY 1
ORDER BY 1;
