"""The pure model: data only, no rich, matplotlib or networkx."""
