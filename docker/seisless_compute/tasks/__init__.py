"""One module per task (``model``, ``observe``, ``gradient``, ``objective``, ``born_norm``), each
exposing ``run(ctx) -> dict``; ``runner`` wraps them into a job (see ``__main__``)."""
