"""From bytes to the text the patterns run on: decode, normalize (simplified, half-width, same
length), HTML pages, the documents a user names, words (segment) and sentence/clause bounds."""
