"""Run mammolog with ``python -m mammolog``."""

from mammolog.cli import main

if __name__ == "__main__":
    main()
