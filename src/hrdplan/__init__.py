"""hrdplan: author, lint and render EU Human Rights and Democracy Country Strategies."""

__version__ = "0.1.0"
