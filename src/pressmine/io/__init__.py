"""Where claims go: JSON, JSONL and CSV written as they come (output), and SQLite (db)."""
