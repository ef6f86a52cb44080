"""A decision in, bytes out: numbers, the document model, one view per analysis, and the writers."""
