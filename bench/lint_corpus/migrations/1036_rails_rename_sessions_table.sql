-- == 20261108150000 RenameSessionsToCustomerSessions: migrating ===============
-- -- rename_table(:sessions, :customer_sessions)
ALTER TABLE "sessions" RENAME TO "customer_sessions";
--    -> 0.0031s
