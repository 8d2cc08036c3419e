"""Output formats. Each is a Reporter registered through the ``scrapelint_reporters`` hook."""
