"""Articles and what they say: sources, cleaning, actors, presence claims, the store, the CLI."""
