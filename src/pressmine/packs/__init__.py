"""Pattern packs (patterns/*.toml): what they hold once loaded and the vocabulary derived from
them (model), finding, reading and choosing them (loader), and turning their tables and
patterns into one PackSet (build, compile, checks)."""
