"""mammolog: keep your own mammogram history."""

__version__ = "0.1.0"
