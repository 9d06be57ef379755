"""From normalised text to claims: candidates found by the pack rules, their values and units,
what is not a claim, and the context of each claim: subject, change and basis, period."""
