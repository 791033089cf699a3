-- title: Creating views
-- weight: 1
-- A view for the course. (VACUUM ANALYZE runs after the last step, outside a transaction.)
CREATE VIEW overdue_loans AS
SELECT l.id, m.full_name, b.title, l.due_at
FROM loans l
JOIN members m ON m.id = l.member_id
JOIN books b ON b.id = l.book_id
WHERE l.status_id = 3;
