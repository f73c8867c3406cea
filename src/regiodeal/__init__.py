"""regiodeal: the working system of a Regio Deal programme office and its steering group."""

__version__ = "0.1.0"
