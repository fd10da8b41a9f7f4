"""Pages where clerks record meetings and keep their board's members, and where clerks and
officers bring in old papers."""
