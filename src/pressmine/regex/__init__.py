"""Regular expressions compiled once per machine (cache), objects built once per machine (store),
what a pattern can start with (prefilter), slow patterns behind fast gates (gated), and time
limits for user patterns (guard). Knows nothing of numbers or claims."""
