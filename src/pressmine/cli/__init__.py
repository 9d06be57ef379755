"""The command line: the typer app (app), what a terminal shows (terminal), `pressmine explain`
(explain) and `pressmine packs check` (examples). The only place that prints or exits."""
