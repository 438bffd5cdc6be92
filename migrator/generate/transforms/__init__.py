"""One rewrite or check of a method body per module; `migrator.generate.transform` runs them."""
