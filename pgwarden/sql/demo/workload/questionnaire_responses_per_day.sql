-- CMS hot query: responses per day to one questionnaire over the last N days (day, responses,
-- respondents), for the sociologist's dashboard.
SELECT date_trunc('day', r.created_at) AS day, count(*) AS responses, count(DISTINCT r.user_id) AS respondents
FROM question_groups g
JOIN questions q ON q.group_id = g.id
JOIN responses r ON r.question_id = q.id
WHERE g.questionnaire_id = %(questionnaire_id)s AND r.created_at >= now() - make_interval(days => %(since_days)s)
GROUP BY 1
ORDER BY 1;
