"""The worksheet and its rules: no terminal, no rendering, no command line."""
