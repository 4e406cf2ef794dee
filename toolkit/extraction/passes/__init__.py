"""The passes of the pipeline, one job each; `toolkit.extraction.pipeline` orders them."""
