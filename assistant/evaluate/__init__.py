"""Datasets, metrics, evaluation runs and reports."""
