"""HTML components for pages: tables, lists, charts and forms, every contributed text escaped."""
