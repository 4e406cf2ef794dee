"""storybible: expand synopses into story bibles and Fountain outlines, check continuity, render PDFs."""
