"""The facts reports are computed from: read from the store per day, as numpy columns, cached."""
