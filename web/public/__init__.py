"""Pages anyone may read without signing in (confidential and draft content left out
for them by the domain's QuerySets), with feeds and downloads."""
