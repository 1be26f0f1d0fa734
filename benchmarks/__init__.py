"""Benchmarks: each ``bench_*.py`` prints ``RESULT`` lines; ``python -m benchmarks.run_all`` collects them."""
