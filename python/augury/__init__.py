"""augury: Bayesian scenario forecasting with discrete Bayesian networks."""

from ._version import version as __version__

__all__ = ["__version__"]
