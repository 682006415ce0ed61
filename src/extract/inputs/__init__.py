"""What comes in: files, directories and archives as inputs, and the bytes-level integrity scan."""
