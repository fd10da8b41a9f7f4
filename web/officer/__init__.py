"""Pages where policy officers keep their programme, post updates and write the end-of-year
report."""
