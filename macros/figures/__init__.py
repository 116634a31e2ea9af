"""The figures layer: the Hub built once per build from the validated content, and every figure computed from it."""
