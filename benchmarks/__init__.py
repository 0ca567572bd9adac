"""`make bench`: figures printed against the issues' targets, never asserted."""
