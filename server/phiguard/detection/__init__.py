"""Detection: Presidio + spaCy + shared rules in, findings and a risk level out."""
