"""The one place a decision is run: a request in, a decision (ranking plus every analysis asked for) out."""
