"""The content layer: editors' files read into data tagged with file and line, and validated by the models."""
