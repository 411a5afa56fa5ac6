"""Word lists per language, as data: English is complete; others add a module here."""
