"""The vocabulary and the pure, exact rules of a decision: catalogue, priorities, weighting, utilities.

No I/O and no third-party imports: everything above builds on this layer.
"""
