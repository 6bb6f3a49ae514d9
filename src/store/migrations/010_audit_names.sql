-- The audit log names what it is about as it was at the event (issue 14): the actor's and the
-- target's name and e-mail address, the names of the devices an event lists. A member who left, a
-- device deleted or a renamed role keeps the name the event was recorded with.
ALTER TABLE audit_events ADD COLUMN names jsonb;
