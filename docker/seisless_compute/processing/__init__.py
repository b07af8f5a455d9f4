"""Trace processing shared by observed and modelled records (numpy only)."""
