"""The `pkhub` command for editors: one module per command, `main` the entry point."""
