"""The command line: the typer app (app) and a module per command (extract, explain, packs; the
examples `pressmine packs check` runs), what they share (common), and what a terminal shows
(terminal, table). The only place that reads the command line's environment variables, prints
or exits."""
