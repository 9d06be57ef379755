"""The grammar of a Chinese number: the patterns that find one (numbers), its exact value
(parse), and the masked text that pack patterns run on instead of the whole grammar (masking)."""
