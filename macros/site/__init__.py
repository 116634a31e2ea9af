"""The site layer: addresses, HTML, generated pages, page macros and every file the MkDocs plugin writes."""
