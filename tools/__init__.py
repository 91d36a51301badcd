"""Project tooling that is not part of the product (lint contracts)."""
