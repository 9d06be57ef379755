"""Many documents: worker processes with results in order (pool), big texts cut into blocks
(blocks), inputs turned into tasks (inputs), the units of work and how a worker does one
(tasks), a run to its end (runner)."""
