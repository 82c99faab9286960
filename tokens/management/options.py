import argparse


def positive_int(text):
    """Parse a command-line count that must be 1 or more."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(
            f"expected a whole number of 1 or more, got {text!r}"
        )
    return value
