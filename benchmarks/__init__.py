"""Performance measurements (reported, never asserted in tests)."""
