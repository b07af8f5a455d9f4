"""Sparsity promotion for LS-RTM: a wavelet tight frame and the linearized Bregman update."""
