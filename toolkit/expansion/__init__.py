"""From a synopsis to a story folder: bible.yaml and outline.fountain, and the build of every seed."""
