"""Anonymised rephrasing: turn a post about a client into a safe, still-useful post."""
