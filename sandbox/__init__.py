"""Local stand-ins for the external services the store middle tier talks to.

Everything under this package is development and test tooling: it runs next to
the product, never inside it. The product must not import from here, and
nothing here imports the product, so either side can change without the other.
"""
