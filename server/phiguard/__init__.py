"""PHI Guard: catches client-identifying detail in clinicians' posts before they are posted."""

__version__ = "0.1.0"
