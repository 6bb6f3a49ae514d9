-- The language a user reads Gatehouse in: every mail to them is written in it. Chosen at sign-up
-- (the web UI sends the language it shows), changed in the profile. Accounts from before this
-- column read English, the only language mail was written in until now.
ALTER TABLE users ADD COLUMN locale text NOT NULL DEFAULT 'en' CHECK (locale IN ('en', 'de'));
