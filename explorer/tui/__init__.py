"""The Textual app: `make_app(db_path, ingest_paths)` builds it (explorer.tui.app)."""
