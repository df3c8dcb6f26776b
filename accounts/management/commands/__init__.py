"""`unlock_login`: unlock an account or address after too many failed logins."""
