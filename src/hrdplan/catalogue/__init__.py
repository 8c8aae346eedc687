"""The Action Plan's catalogues: the models, where versions are found, how versions follow
one another, what changed between two, and browsing them."""
