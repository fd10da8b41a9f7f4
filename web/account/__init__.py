"""Everyone's own pages once signed in: their start page, actions and reminders."""
