"""The demo: data set generator, workload, and the story ``pgwarden demo`` tells."""
